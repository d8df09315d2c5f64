/**
 * The outlet registry (data/registry/outlets.json) and `parallax sources`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistry, mergeSources, type RegistryOutlet } from '../src/sources/registry.ts';
import { REGIONS, regionOf, isCountryCode } from '../src/sources/countries.ts';
import { registrableDomain } from '../src/sources/domains.ts';
import { parseOpml, toOpml } from '../src/sources/opml.ts';
import type { SourceRecord } from '../src/store/types.ts';
import { runCli, tempDir } from './helpers.ts';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'sources');

interface ListedSource extends SourceRecord {
  errorCount: number;
  lastError: string | null;
}

test('the shipped registry loads, validates and covers the world', async () => {
  const r = await loadRegistry();
  assert.ok(r.ok, r.ok ? '' : r.message);
  const { outlets, sources, feedsVerified } = r.value;
  assert.ok(outlets.length >= 600, `${outlets.length} outlets`);
  const countries = new Set(outlets.map((o) => o.country));
  assert.ok(countries.size >= 80, `${countries.size} countries`);
  for (const o of outlets) assert.ok(isCountryCode(o.country), `${o.id}: ${o.country}`);
  const regions = new Set(outlets.map((o) => regionOf(o.country)));
  for (const region of REGIONS) assert.ok(regions.has(region), `no outlet in ${region}`);
  const ids = outlets.map((o) => o.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  // Ids are domains: a registry id is its own domain or a subdomain of one.
  for (const id of ids) assert.ok(registrableDomain(id) !== null && id.endsWith(registrableDomain(id)!), id);
  // The kinds of outlets in a contested story: each of these countries has several outlets, some state-owned.
  for (const c of ['UA', 'RU', 'TR', 'VE', 'CN', 'IR', 'US']) {
    assert.ok(outlets.filter((o) => o.country === c).length >= 5, `few outlets in ${c}`);
  }
  for (const c of ['RU', 'CN', 'IR', 'VE', 'TR'])
    assert.ok(
      outlets.some((o) => o.country === c && o.ownership === 'state'),
      `no state outlet in ${c}`,
    );
  for (const c of ['KZ', 'UZ', 'KG', 'TJ', 'FJ', 'PG', 'NG', 'KE', 'PE', 'BO']) assert.ok(countries.has(c), `no outlet in ${c}`);
  assert.ok(outlets.filter((o) => o.feeds.length > 0).length >= 600, 'most outlets have feeds');
  // Credit and the honest note about unverified feeds.
  assert.equal(feedsVerified, false);
  assert.ok(
    sources.some((s) => /kite-public/.test(s.url ?? '') && s.license === 'MIT' && /Permission is hereby granted/.test(s.licenseText ?? '')),
  );
});

test('a broken registry file is a typed failure, not a crash', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const good = JSON.parse(readFileSync(fileURLToPath(new URL('../data/registry/outlets.json', import.meta.url)), 'utf8')) as {
      outlets: RegistryOutlet[];
    };
    const bad = { ...good, outlets: [{ ...good.outlets[0], country: 'ZZ' }, ...good.outlets.slice(1)] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const r = await loadRegistry(join(dir, 'bad.json'));
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'registry/invalid');
    assert.match(!r.ok ? r.message : '', /country/);

    const dup = { ...good, outlets: [good.outlets[0], good.outlets[0]] };
    writeFileSync(join(dir, 'dup.json'), JSON.stringify(dup));
    const d = await loadRegistry(join(dir, 'dup.json'));
    assert.equal(!d.ok && d.code, 'registry/invalid');
    assert.match(!d.ok ? d.message : '', /duplicate id/);

    writeFileSync(join(dir, 'trunc.json'), '{"version":1,"outlets":[');
    const t = await loadRegistry(join(dir, 'trunc.json'));
    assert.equal(!t.ok && t.code, 'registry/bad-json');
  } finally {
    cleanup();
  }
});

test('stored rows override registry outlets: a disabled registry source keeps its facts', () => {
  const reg: RegistryOutlet[] = [
    {
      id: 'a.example',
      name: 'A',
      homepage: 'https://a.example/',
      country: 'KE',
      languages: ['en', 'sw'],
      feeds: ['https://a.example/rss'],
      ownership: 'private',
    },
    { id: 'b.example', name: 'B', homepage: 'https://b.example/', country: 'PE', languages: ['es'], feeds: [], ownership: 'state' },
  ];
  const stored: SourceRecord[] = [
    {
      id: 'a.example',
      name: 'stale',
      homepage: null,
      country: null,
      languages: [],
      feeds: [],
      ownership: null,
      origin: 'registry',
      enabled: false,
    },
    {
      id: 'c.example',
      name: 'C',
      homepage: null,
      country: 'FJ',
      languages: ['en'],
      feeds: ['https://c.example/feed'],
      ownership: 'unknown',
      origin: 'user',
      enabled: true,
    },
  ];
  const m = new Map(mergeSources(reg, stored).map((s) => [s.id, s]));
  assert.equal(m.size, 3);
  assert.equal(m.get('a.example')?.enabled, false);
  assert.equal(m.get('a.example')?.name, 'A');
  assert.deepEqual(m.get('a.example')?.languages, ['en', 'sw']);
  assert.equal(m.get('b.example')?.enabled, true);
  assert.equal(m.get('c.example')?.origin, 'user');
  // Feeds the poller discovered for a registry outlet that lists none are kept; listed ones are not replaced.
  const withFound = mergeSources(reg, [
    { ...stored[0], id: 'b.example', origin: 'registry', enabled: true, feeds: ['https://b.example/found.xml'] },
    { ...stored[0], id: 'a.example', origin: 'registry', enabled: true, feeds: ['https://a.example/other.xml'] },
  ]);
  assert.deepEqual(withFound.find((s) => s.id === 'b.example')?.feeds, ['https://b.example/found.xml']);
  assert.deepEqual(withFound.find((s) => s.id === 'a.example')?.feeds, ['https://a.example/rss']);
});

test('registrable domains', () => {
  assert.equal(registrableDomain('www.bbc.co.uk'), 'bbc.co.uk');
  assert.equal(registrableDomain('en.irna.ir'), 'irna.ir');
  assert.equal(registrableDomain('feeds.feedburner.com'), 'feedburner.com');
  assert.equal(registrableDomain('www.pravda.com.ua'), 'pravda.com.ua');
  assert.equal(registrableDomain('localhost'), null);
});

test('OPML parse and write round trip, with escaping and nested folders', () => {
  const xml = toOpml(
    'T & Co',
    [
      {
        title: 'Kenya (KE)',
        feeds: [
          { xmlUrl: 'https://a.example/rss?x=1&y=2', title: 'Daily "A"', htmlUrl: 'https://a.example/', country: 'KE', language: 'sw' },
        ],
      },
    ],
    new Date('2026-11-22T00:00:00Z'),
  );
  const r = parseOpml(xml);
  assert.ok(r.ok);
  assert.equal(r.value.title, 'T & Co');
  assert.deepEqual(r.value.feeds, [
    { xmlUrl: 'https://a.example/rss?x=1&y=2', title: 'Daily "A"', htmlUrl: 'https://a.example/', country: 'KE', language: 'sw' },
  ]);
  const bad = parseOpml('<opml><body><outline xmlUrl="x"></body></opml>');
  assert.equal(!bad.ok && bad.code, 'opml/malformed');
  const notOpml = parseOpml('<rss><channel/></rss>');
  assert.equal(!notOpml.ok && notOpml.code, 'opml/not-opml');
});

test('sources CLI: add, list, remove, enable, import and export OPML', async () => {
  const { dir, cleanup } = tempDir();
  const db = ['--db', join(dir, 'p.db')];
  try {
    // add
    let r = await runCli([
      'sources',
      'add',
      'https://www.lagunatribune.example/rss/all.xml',
      '--name',
      'Laguna Tribune',
      '--country',
      'ph',
      '--language',
      'fil',
      ...db,
    ]);
    assert.equal(r.code, 0, r.stderr);
    r = await runCli([
      'sources',
      'add',
      '--feed',
      'https://www.lagunatribune.example/rss/business.xml',
      '--country',
      'PH',
      '--language',
      'en',
      ...db,
    ]);
    assert.equal(r.code, 0, r.stderr);
    r = await runCli(['sources', 'list', '--origin', 'user', '--json', ...db]);
    assert.equal(r.code, 0, r.stderr);
    let rows = JSON.parse(r.stdout) as ListedSource[];
    assert.equal(rows.length, 1);
    assert.equal(rows[0].id, 'lagunatribune.example');
    assert.equal(rows[0].name, 'Laguna Tribune');
    assert.equal(rows[0].country, 'PH');
    assert.deepEqual(rows[0].languages.sort(), ['en', 'fil']);
    assert.equal(rows[0].feeds.length, 2);
    assert.equal(rows[0].errorCount, 0);

    // bad input
    r = await runCli(['sources', 'add', 'https://x.example/feed', '--country', 'QQ', ...db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /QQ.*ISO 3166-1/);
    r = await runCli(['sources', 'add', 'https://x.example/feed', ...db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--country/);
    // A feed of an outlet the registry knows needs no --country: it takes the registry's facts.
    r = await runCli(['sources', 'add', 'https://www.pravda.com.ua/rss/view_news/', '--json', ...db]);
    assert.equal(r.code, 0, r.stderr);
    const up = JSON.parse(r.stdout) as { id: string; name: string; country: string; feeds: string[] };
    assert.deepEqual([up.id, up.name, up.country], ['pravda.com.ua', 'Ukrainska Pravda', 'UA']);
    assert.ok(up.feeds.includes('https://www.pravda.com.ua/rss/view_news/') && up.feeds.length > 1);
    r = await runCli(['sources', 'remove', 'pravda.com.ua', ...db]);
    assert.match(r.stdout, /registry outlet with this id is listed again/);
    r = await runCli(['sources', 'add', 'not a url', '--country', 'FR', ...db]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /not a url: not an http\(s\) URL/);
    r = await runCli(['sources', 'add', 'https://x.example/feed', '--country', 'FR', '--language', 'english', ...db]);
    assert.equal(r.code, 2);
    r = await runCli(['sources', 'frobnicate', ...db]);
    assert.equal(r.code, 2);

    // list --country filters the merged registry
    r = await runCli(['sources', 'list', '--country', 'ua', '--json', ...db]);
    assert.equal(r.code, 0, r.stderr);
    rows = JSON.parse(r.stdout) as ListedSource[];
    assert.ok(rows.length >= 5 && rows.every((s) => s.country === 'UA' && s.origin === 'registry'));
    const reg = rows[0].id;

    // remove a registry source = disable; enable undoes it
    r = await runCli(['sources', 'remove', reg, ...db]);
    assert.equal(r.code, 0, r.stderr);
    r = await runCli(['sources', 'list', '--country', 'UA', '--json', ...db]);
    assert.equal((JSON.parse(r.stdout) as ListedSource[]).find((s) => s.id === reg)?.enabled, false);
    r = await runCli(['sources', 'list', '--country', 'UA', ...db]);
    assert.match(r.stdout, new RegExp(`^${reg.replace(/\./g, '\\.')}\\t.*disabled`, 'm'));
    r = await runCli(['sources', 'enable', reg, ...db]);
    assert.equal(r.code, 0, r.stderr);
    r = await runCli(['sources', 'list', '--country', 'UA', '--json', ...db]);
    assert.equal((JSON.parse(r.stdout) as ListedSource[]).find((s) => s.id === reg)?.enabled, true);

    // remove a user source; an unknown id fails
    r = await runCli(['sources', 'remove', 'lagunatribune.example', ...db]);
    assert.equal(r.code, 0, r.stderr);
    r = await runCli(['sources', 'list', '--origin', 'user', '--json', ...db]);
    assert.deepEqual(JSON.parse(r.stdout), []);
    r = await runCli(['sources', 'remove', 'no-such-source.example', ...db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no-such-source\.example: no such source/);

    // import OPML
    r = await runCli(['sources', 'import-opml', join(FIX, 'reader-export.opml'), '--country', 'AR', '--json', ...db]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { sources: 2, feeds: 3, skipped: 1 });
    assert.match(r.stderr, /skipped ftp:\/\/files\.example\.org\/feed\.xml/);
    r = await runCli(['sources', 'list', '--origin', 'user', '--json', ...db]);
    rows = JSON.parse(r.stdout) as ListedSource[];
    const harbour = rows.find((s) => s.id === 'harbourgazette.example');
    assert.equal(harbour?.country, 'NZ');
    assert.equal(harbour?.name, 'Harbour Gazette');
    assert.equal(harbour?.feeds.length, 2);
    const valle = rows.find((s) => s.id === 'diariodelvalle.example');
    assert.equal(valle?.country, 'AR');
    assert.deepEqual(valle?.languages, ['es-AR']);
    assert.equal(valle?.name, 'Diario del Valle & Región');
    r = await runCli(['sources', 'import-opml', join(dir, 'nope.opml'), ...db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nope\.opml: cannot read: ENOENT/);
    writeFileSync(join(dir, 'broken.opml'), '<opml><body><outline text="x"></body>');
    r = await runCli(['sources', 'import-opml', join(dir, 'broken.opml'), ...db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /opml\/malformed/);

    // export, then import into a fresh database: the same user sources come back
    const out = join(dir, 'out.opml');
    r = await runCli(['sources', 'export-opml', out, '--origin', 'user', ...db]);
    assert.equal(r.code, 0, r.stderr);
    const exported = parseOpml(readFileSync(out, 'utf8'));
    assert.ok(exported.ok);
    assert.equal(exported.value.feeds.length, 3);
    const db2 = ['--db', join(dir, 'q.db')];
    r = await runCli(['sources', 'import-opml', out, ...db2]);
    assert.equal(r.code, 0, r.stderr);
    r = await runCli(['sources', 'list', '--origin', 'user', '--json', ...db2]);
    const again = (JSON.parse(r.stdout) as ListedSource[]).map((s) => ({
      id: s.id,
      country: s.country,
      feeds: [...s.feeds].sort(),
      name: s.name,
    }));
    const before = rows.map((s) => ({ id: s.id, country: s.country, feeds: [...s.feeds].sort(), name: s.name }));
    assert.deepEqual(
      again.sort((a, b) => a.id.localeCompare(b.id)),
      before.sort((a, b) => a.id.localeCompare(b.id)),
    );

    // export to stdout includes registry outlets
    r = await runCli(['sources', 'export-opml', ...db]);
    assert.equal(r.code, 0);
    const all = parseOpml(r.stdout);
    assert.ok(all.ok && all.value.feeds.length > 1000);
  } finally {
    cleanup();
  }
});

test('a URL is matched to its outlet by host and parent domains', async () => {
  const { createOutletLookup } = await import('../src/sources/lookup.ts');
  const r = await loadRegistry();
  assert.ok(r.ok);
  const { mergeSources: merge } = await import('../src/sources/registry.ts');
  const user: SourceRecord = {
    id: 'valley-times',
    name: 'Valley Times',
    homepage: 'https://news.valleytimes.example/',
    country: 'CL',
    languages: ['es'],
    feeds: [],
    ownership: 'unknown',
    origin: 'user',
    enabled: true,
  };
  const lookup = createOutletLookup(merge(r.value.outlets, [user]), r.value.outlets);
  assert.equal(lookup('https://edition.cnn.com/2026/11/21/world/x/index.html')?.name, 'CNN');
  assert.equal(lookup('https://en.irna.ir/news/85012345/')?.country, 'IR');
  assert.equal(lookup('https://www.pravda.com.ua/eng/news/2026/11/21/7500000/')?.name, 'Ukrainska Pravda');
  assert.equal(lookup('https://g1.globo.com/politica/noticia/2026/11/21/x.ghtml')?.country, 'BR');
  assert.equal(lookup('https://feeds.bbci.co.uk/news/rss.xml')?.name, 'BBC News');
  assert.equal(lookup('https://news.valleytimes.example/a/1')?.name, 'Valley Times');
  assert.equal(lookup('https://unknown-outlet.example/a'), null);
  assert.equal(lookup('not a url'), null);
});

test('ingest fills a missing outlet and country from the URL, and never overrides what the input says', async () => {
  const { dir, cleanup } = tempDir();
  const db = ['--db', join(dir, 'p.db')];
  try {
    const para = (s: string) =>
      [
        s,
        `${s} Officials gave no further details on Saturday.`,
        'Residents were told to follow local announcements over the coming days.',
      ].join('\n\n');
    const records = [
      {
        id: 'up-1',
        url: 'https://www.pravda.com.ua/eng/news/2026/11/21/7500001/',
        title: 'Power restored to most of Kharkiv after overnight strike',
        text: para(
          'Engineers restored power to most districts of Kharkiv by morning after an overnight strike damaged a substation, the regional administration said.',
        ),
      },
      {
        id: 'tass-1',
        url: 'https://tass.com/economy/2000001',
        outlet: 'Wire Desk',
        title: 'Grain exports reach a seasonal record',
        text: para(
          'Grain exports through southern ports reached a seasonal record in November, according to figures from the agriculture ministry.',
        ),
      },
      {
        id: 'x-1',
        url: 'https://unknown-outlet.example/story/1',
        title: 'Town fair draws thousands despite rain',
        text: para(
          'Thousands of visitors came to the annual town fair despite heavy rain, organisers said, with the livestock show the busiest in a decade.',
        ),
      },
    ];
    writeFileSync(join(dir, 'in.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = await runCli(['ingest', join(dir, 'in.jsonl'), '--json', ...db]);
    assert.equal(r.code, 0, r.stderr);
    const get = async (id: string) =>
      JSON.parse((await runCli(['article', id, '--json', ...db])).stdout) as { outlet: string | null; country: string | null };
    assert.deepEqual(await get('up-1').then((a) => [a.outlet, a.country]), ['Ukrainska Pravda', 'UA']);
    assert.deepEqual(await get('tass-1').then((a) => [a.outlet, a.country]), ['Wire Desk', 'RU']);
    const x = await get('x-1');
    assert.notEqual(x.outlet, 'Ukrainska Pravda');
    assert.equal(x.country, null);
  } finally {
    cleanup();
  }
});
