import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderWorldMap } from '../src/serve/web/map.ts';
import { NUMERIC_TO_ALPHA2 } from '../src/serve/web/iso-numeric.ts';

test('the world map shades covered countries and links each to its page', () => {
  const svg = renderWorldMap(new Map([['VE', 3], ['RU', 1], ['UA', 1]]), { blindspots: ['FR'] });
  assert.ok(svg.startsWith('<svg'));
  const paths = svg.match(/<path /g) ?? [];
  assert.ok(paths.length > 150, `${paths.length} countries drawn`);
  const fill = (cc: string) => svg.match(new RegExp(`fill="(#[0-9a-f]{6})"[^>]*data-cc="${cc}"`))?.[1];
  assert.notEqual(fill('VE'), '#e5e5e5');
  assert.equal(fill('BR'), '#e5e5e5');
  assert.notEqual(fill('VE'), fill('RU'), 'more articles, darker shade');
  assert.match(svg, /<a href="\/countries\/ve"><path [^>]*data-count="3"/);
  assert.match(svg, /stroke="#d62728"[^>]*data-cc="FR"/);
  assert.match(svg, /<title>Venezuela: 3 articles<\/title>/);
  assert.ok(!/<script|style=/.test(svg), 'no script or inline style (CSP)');
});

test('the numeric table maps ISO numeric codes to distinct alpha-2 codes', () => {
  const codes = Object.values(NUMERIC_TO_ALPHA2);
  assert.equal(new Set(codes).size, codes.length);
  assert.equal(NUMERIC_TO_ALPHA2['862'], 'VE');
  assert.equal(NUMERIC_TO_ALPHA2['076'], 'BR');
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const c of codes) assert.notEqual(names.of(c), c, `${c} is a known region`);
});
