/**
 * Server-side world map of coverage: world-atlas 110m countries, projected
 * with d3-geo's Natural Earth projection into SVG paths (computed once per
 * process), shaded by how many articles each country's outlets published;
 * each country links to its country page. No script; attributes only (CSP).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { NO_ID_NAMES, NUMERIC_TO_ALPHA2 } from './iso-numeric.ts';
import { countryName } from '../../synthesize/countries.ts';

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

interface Shape {
  cc: string | null;
  name: string;
  d: string;
}

let shapes: Shape[] | null = null;

function loadShapes(): Shape[] {
  if (shapes) return shapes;
  const require = createRequire(import.meta.url);
  const file = require.resolve('world-atlas/countries-110m.json');
  const topo = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topo, topo.objects.countries);
  // Antarctica is left out: no outlets, and it would take a fifth of the height
  const fc = { ...all, features: all.features.filter((f) => String(f.id) !== '010') };
  const projection = geoNaturalEarth1().fitExtent([[4, 4], [MAP_WIDTH - 4, MAP_HEIGHT - 4]], fc);
  const path = geoPath(projection);
  shapes = fc.features
    .map((f) => {
      const id = f.id === undefined ? undefined : String(f.id);
      const name = f.properties?.name ?? '';
      const cc = (id ? NUMERIC_TO_ALPHA2[id] : NO_ID_NAMES[name]) ?? null;
      const d = path(f) ?? '';
      // coordinates rounded to one decimal: a smaller page at no visible cost
      return { cc, name, d: d.replace(/(\d+\.\d)\d+/g, '$1') };
    })
    .filter((s) => s.d);
  return shapes;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const SCALE = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

function shade(n: number, max: number): string {
  if (n <= 0) return '#e5e5e5';
  const i = max <= 1 ? SCALE.length - 2 : Math.min(SCALE.length - 1, Math.floor((Math.log(n) / Math.log(max + 1)) * SCALE.length));
  return SCALE[i]!;
}

export interface MapOptions {
  /** Countries with outlets in the registry that did not cover it: outlined. */
  blindspots?: string[];
  /** Accessible title of the map. */
  title?: string;
  /** Link target per country; default /countries/<cc>. */
  href?: (cc: string) => string;
}

/** Renders an SVG world map with countries shaded by coverage (article counts by alpha-2). */
export function renderWorldMap(coverage: Map<string, number>, opts: MapOptions = {}): string {
  const max = Math.max(0, ...coverage.values());
  const blind = new Set((opts.blindspots ?? []).map((c) => c.toUpperCase()));
  const href = opts.href ?? ((cc: string) => `/countries/${encodeURIComponent(cc.toLowerCase())}`);
  const parts: string[] = [];
  for (const s of loadShapes()) {
    const n = s.cc ? (coverage.get(s.cc) ?? 0) : 0;
    const label = `${s.cc ? countryName(s.cc) : s.name}: ${n ? `${n} article${n > 1 ? 's' : ''}` : blind.has(s.cc ?? '') ? 'outlets here did not cover it' : 'no coverage'}`;
    const stroke = blind.has(s.cc ?? '') ? ' stroke="#d62728" stroke-width="1.2"' : ' stroke="#fff" stroke-width="0.5"';
    const path = `<path d="${s.d}" fill="${shade(n, max)}"${stroke} data-cc="${esc(s.cc ?? '')}" data-count="${n}"><title>${esc(label)}</title></path>`;
    parts.push(s.cc ? `<a href="${esc(href(s.cc))}">${path}</a>` : path);
  }
  const title = esc(opts.title ?? 'Coverage by country');
  return (
    `<svg class="worldmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-label="${title}">` +
    `<title>${title}</title>${parts.join('')}</svg>`
  );
}
