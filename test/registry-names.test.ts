/**
 * The registry build's name overlay (data/registry/names.txt → src/sources/registry-names.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseNames, applyNames } from '../src/sources/registry-names.ts';
import type { RegistryOutlet } from '../src/sources/registry.ts';

function outlet(id: string, over: Partial<RegistryOutlet> = {}): RegistryOutlet {
  return {
    id,
    name: id,
    homepage: `https://www.${id}/`,
    country: 'KE',
    languages: ['en'],
    feeds: [`https://${id}/feed`],
    ownership: 'unknown',
    ...over,
  };
}

test('names.txt parses: comments and blank lines skipped, names keep accents and inner spaces', () => {
  const names = parseNames('# header | with a pipe\n\nradio.example | Radio Éxample FM \n  paper.example.co | The Paper\n');
  assert.deepEqual(
    [...names],
    [
      ['radio.example', 'Radio Éxample FM'],
      ['paper.example.co', 'The Paper'],
    ],
  );
});

test('names.txt: a duplicate domain, a malformed line or an empty name is an error', () => {
  assert.throws(() => parseNames('a.example | A\nb.example | B\na.example | A again\n'), /names\.txt:3: duplicate domain a\.example/);
  assert.throws(() => parseNames('a.example\n'), /expected "domain \| name"/);
  assert.throws(() => parseNames('a.example | A | extra\n'), /expected "domain \| name"/);
  assert.throws(() => parseNames('a.example | \n'), /empty name/);
  assert.throws(() => parseNames('Not A Domain | A\n'), /not a lower-case domain/);
});

test('the overlay renames matching outlets and changes nothing else', () => {
  const outlets = [
    outlet('radio.example', { country: 'KE', ownership: 'private', languages: ['en', 'sw'] }),
    outlet('paper.example', { country: 'TR', ownership: 'state' }),
    outlet('other.example', { name: 'Other Named' }),
  ];
  const before = structuredClone(outlets);
  const n = applyNames(outlets, parseNames('radio.example | Radio FM\npaper.example | Gazete Hürriyet\n'));
  assert.equal(n, 2);
  assert.equal(outlets[0].name, 'Radio FM');
  assert.equal(outlets[1].name, 'Gazete Hürriyet');
  assert.equal(outlets[2].name, 'Other Named');
  // Everything but the name is untouched.
  for (let i = 0; i < outlets.length; i++) assert.deepEqual({ ...outlets[i], name: before[i].name }, before[i]);
});

test('the overlay fails on an id that matches no outlet, and on a curated outlet', () => {
  const outlets = [outlet('radio.example'), outlet('curated.example', { name: 'Curated Name' })];
  assert.throws(() => applyNames(outlets, parseNames('missing.example | Missing\n')), /no outlet has the id missing\.example/);
  assert.throws(() => applyNames(outlets, parseNames('curated.example | Other\n'), new Set(['curated.example'])), /curated\.txt/);
  // Nothing was renamed by the failed calls.
  assert.deepEqual(
    outlets.map((o) => o.name),
    ['radio.example', 'Curated Name'],
  );
  // A Map's values (as the build passes them) work as well as an array.
  const byId = new Map(outlets.map((o) => [o.id, o]));
  applyNames(byId.values(), parseNames('radio.example | Radio\n'), new Set(['curated.example']));
  assert.equal(byId.get('radio.example')!.name, 'Radio');
});

test('the shipped outlets.json was built with names.txt applied', () => {
  const read = (p: string) => readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8');
  const names = parseNames(read('../data/registry/names.txt'));
  const file = JSON.parse(read('../data/registry/outlets.json')) as { outlets: RegistryOutlet[] };
  const byId = new Map(file.outlets.map((o) => [o.id, o]));
  for (const [id, name] of names) assert.equal(byId.get(id)?.name, name, id);
});
