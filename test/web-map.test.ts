import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assets } from '../src/serve/web/assets.ts';
import { NUMERIC_TO_ALPHA2 } from '../src/serve/web/iso-numeric.ts';

test('the globe geometry names each country by its alpha-2 code and drops Antarctica', () => {
  const world = JSON.parse(assets().get('world.json')!.body) as { features: Array<{ id: string | null; properties: { name: string } }> };
  const ids = world.features.map((f) => f.id).filter((x): x is string => !!x);
  assert.ok(ids.length > 160, `${ids.length} countries with a code`);
  assert.equal(new Set(ids).size, ids.length, 'one shape per code');
  assert.ok(ids.includes('VE') && ids.includes('NO') && !ids.includes('AQ'));
  assert.equal(world.features.find((f) => f.id === 'VE')?.properties.name, 'Venezuela');
});

test('the numeric table maps ISO numeric codes to distinct alpha-2 codes', () => {
  const codes = Object.values(NUMERIC_TO_ALPHA2);
  assert.equal(new Set(codes).size, codes.length);
  assert.equal(NUMERIC_TO_ALPHA2['862'], 'VE');
  assert.equal(NUMERIC_TO_ALPHA2['076'], 'BR');
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const c of codes) assert.notEqual(names.of(c), c, `${c} is a known region`);
});
