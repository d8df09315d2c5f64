/**
 * `parallax story ID --json` validates against the public contract
 * (../shared/contracts/story.schema.json), and so does the zod schema's output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { runCli, tempDir } from './helpers.ts';

const SCHEMA = resolve(import.meta.dirname, '..', '..', 'shared', 'contracts', 'story.schema.json');

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
}

test('story report validates against the contract schema', { skip: existsSync(SCHEMA) ? false : `${SCHEMA} is absent` }, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'p.db');
    writeFileSync(
      join(dir, 'one.txt'),
      'Dam breach floods villages in Sindh\n\nA breach in an irrigation dam flooded 14 villages in Sindh province on Wednesday, forcing about 3,000 people to leave their homes, provincial officials said.\n\n"We expect the water to recede within two days," irrigation minister Jam Khan Shoro told reporters in Karachi.\n',
    );
    writeFileSync(
      join(dir, 'two.txt'),
      'Sindh villages flooded after dam breach\n\nAbout 3,000 people fled after an irrigation dam in Sindh province breached on Wednesday and flooded 14 villages, officials said, as army units joined rescue work.\n',
    );
    const ing = await runCli(['ingest', dir, '--db', db, '--json']);
    assert.equal(ing.code, 0, ing.stderr);
    const stories = JSON.parse((await runCli(['stories', '--db', db, '--json'])).stdout);
    assert.ok(stories.length >= 1);
    const validate = validator();
    for (const s of stories) {
      const r = await runCli(['story', s.id, '--db', db, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as { id: string; articles: Array<{ id: string }>; overview: Array<{ articles: string[] }> };
      const ok: boolean = validate(structuredClone(report));
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
      assert.equal(report.id, s.id);
      assert.deepEqual(report.articles.map((a: { id: string }) => a.id).sort(), s.articles.map((a: { id: string }) => a.id).sort());
      for (const c of report.overview) for (const id of c.articles) assert.ok(s.articles.some((a: { id: string }) => a.id === id));
    }
  } finally {
    cleanup();
  }
});
