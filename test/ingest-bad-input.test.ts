/**
 * Bad input: each bad file gives one clear error line naming it, the other
 * inputs are still ingested, nothing stored before is lost, exit status 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, symlinkSync, openSync, ftruncateSync, closeSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli, tempDir } from './helpers.ts';

const GOOD_A =
  'Wildfire forces evacuation of Valparaíso hills\n\nFirefighters in Chile battled a wildfire that forced the evacuation of 1,200 homes in the hills above Valparaíso on Tuesday, regional authorities said.\n';
const GOOD_B =
  'Lagos port strike ends after wage deal\n\nDock workers at the Apapa port in Lagos returned to work on Monday after unions accepted a 25 percent wage increase, ending a strike that had lasted nine days.\n';
const GOOD_C =
  'Iceland volcano erupts again near Grindavík\n\nA volcanic fissure opened north of Grindavík on Saturday evening, the Icelandic Meteorological Office said, the seventh eruption on the Reykjanes peninsula since December.\n';

test('bad inputs each give one error line naming them; good ones are ingested; nothing stored is lost', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const before = join(dir, 'before.txt');
    writeFileSync(before, GOOD_C);
    const r0 = await runCli(['ingest', before, '--db', db, '--json']);
    assert.equal(r0.code, 0, r0.stderr);
    const [storyBefore] = JSON.parse((await runCli(['stories', '--db', db, '--json'])).stdout);

    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'good-a.txt'), GOOD_A);
    writeFileSync(join(inbox, 'empty.txt'), '');
    writeFileSync(join(inbox, 'blank.txt'), '  \n\n \n');
    writeFileSync(
      join(inbox, 'binary.txt'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    );
    writeFileSync(
      join(inbox, 'latin1.txt'),
      Buffer.from('Caf\xe9 cr\xe8me: une \xe9tude montre que les prix ont augment\xe9 de 12 % cette ann\xe9e.\n', 'latin1'),
    );
    const huge = join(inbox, 'huge.txt');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024); // sparse: 200 MB without writing them
    closeSync(fd);
    writeFileSync(
      join(inbox, 'records.jsonl'),
      [
        JSON.stringify({ id: 'rec-1', title: 'Lagos port strike ends', text: GOOD_B, outlet: 'Harbour Times', country: 'ng' }),
        '{"id": "rec-2", "text": "unterminated',
        JSON.stringify({ id: 'rec-3', title: 'No body at all' }),
        '',
      ].join('\n'),
    );
    writeFileSync(join(inbox, 'page.html.gz'), Buffer.from('this is not gzip'));
    symlinkSync(join(dir, 'does-not-exist.txt'), join(inbox, 'dangling.txt'));
    const locked = join(inbox, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'secret.txt'), GOOD_C);
    chmodSync(locked, 0o000);

    const r = await runCli(['ingest', inbox, '--db', db, '--json']);
    chmodSync(locked, 0o755);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.added, 2, r.stderr); // good-a.txt and rec-1
    const errs = r.stderr.trim().split('\n');
    const expectOne = (name: string, re: RegExp) => {
      const lines = errs.filter((l) => l.includes(name));
      assert.equal(lines.length, 1, `one line for ${name}: ${r.stderr}`);
      assert.match(lines[0], re);
    };
    expectOne('empty.txt', /empty/);
    expectOne('blank.txt', /empty/);
    expectOne('binary.txt', /binary/);
    expectOne('latin1.txt', /not valid UTF-8/);
    expectOne('huge.txt', /larger than/);
    expectOne('records.jsonl#2', /not valid JSON/);
    expectOne('records.jsonl#3', /"text" or "html"/);
    expectOne('page.html.gz', /gzip/);
    expectOne('dangling.txt', /no such file|cannot read/);
    if (process.getuid?.() !== 0) expectOne('locked', /cannot read/); // root reads anything
    assert.equal(out.failed.length, errs.length);
    for (const f of out.failed) assert.ok(typeof f.ref === 'string' && typeof f.error === 'string');

    // Nothing stored before is lost.
    const story = JSON.parse((await runCli(['story', storyBefore.id, '--db', db, '--json'])).stdout);
    assert.equal(story.articles.length, 1);
    const rec = JSON.parse((await runCli(['article', 'rec-1', '--db', db, '--json'])).stdout);
    assert.equal(rec.outlet, 'Harbour Times');
    assert.equal(rec.country, 'NG');
  } finally {
    cleanup();
  }
});

test('a missing path and a gzipped HTML page', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    const html = `<!doctype html><html lang="en"><head><title>Harbour reopens | Coast News</title></head><body>
      <nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <article><h1>Harbour reopens after storm</h1>
      <p>The harbour of Port Louis reopened on Thursday after cyclone damage was cleared, the port authority said in a statement.</p>
      <p>Ships that had waited offshore for three days began unloading fuel and food, and officials said normal traffic would resume within a week.</p>
      <p>The cyclone brought winds of 180 kilometres per hour and left parts of the island without power for two days.</p></article>
      <footer>© Coast News</footer></body></html>`;
    writeFileSync(join(dir, 'page.html.gz'), gzipSync(html));
    const r = await runCli(['ingest', join(dir, 'page.html.gz'), join(dir, 'nope.txt'), '--db', db, '--json']);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).added, 1);
    assert.match(r.stderr, /nope\.txt: no such file or directory/);
    const [s] = JSON.parse((await runCli(['stories', '--db', db, '--json'])).stdout);
    const a = JSON.parse((await runCli(['article', s.articles[0].id, '--db', db, '--json'])).stdout);
    assert.match(a.text, /Port Louis reopened/);
    assert.doesNotMatch(a.text, /© Coast News/);
  } finally {
    cleanup();
  }
});
