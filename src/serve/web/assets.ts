/**
 * Static assets of the web UI, built once per process and served with long cache headers: the stylesheet, the
 * globe's geometry (world-atlas 110m countries as GeoJSON with alpha-2 codes, coordinates rounded), d3-array +
 * d3-geo from node_modules (their own UMD builds with their licence headers; nothing from a CDN), the globe script.
 * Each asset has an ETag (a hash of its content) for revalidation after its day of caching.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import { geoCentroid, geoDistance } from 'd3-geo';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { NO_ID_NAMES, NUMERIC_TO_ALPHA2 } from './iso-numeric.ts';
import { countryName } from '../../synthesize/countries.ts';
import { STYLE } from './style.ts';

export interface Asset {
  body: string;
  type: string;
  etag: string;
}

const here = dirname(fileURLToPath(import.meta.url));

function asset(body: string, type: string): Asset {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

function round(x: unknown): unknown {
  if (typeof x === 'number') return Math.round(x * 100) / 100;
  return Array.isArray(x) ? x.map(round) : x;
}

let centres: Map<string, [number, number]> | null = null;

/** The covered countries nearest to `cc` (by the distance between the countries' centroids), at most `k`. */
export function nearestCountries(cc: string, among: Iterable<string>, k = 3): string[] {
  centres ??= new Map(
    JSON.parse(assets().get('world.json')!.body)
      .features.filter((f: { id: string | null }) => f.id)
      .map((f: { id: string } & GeoJSON.Feature) => [f.id, geoCentroid(f)]),
  );
  const from = centres.get(cc);
  if (!from) return [];
  return [...among]
    .filter((c) => c !== cc && centres!.has(c))
    .map((c) => [c, geoDistance(from, centres!.get(c)!)] as const)
    .sort((a, b) => a[1] - b[1])
    .slice(0, k)
    .map(([c]) => c);
}

/** The countries as a GeoJSON FeatureCollection; each feature's id is its alpha-2 code (or absent) and name. */
function worldGeometry(): string {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const fc = feature(topo, topo.objects.countries);
  const features = fc.features
    .filter((f) => String(f.id) !== '010')
    .map((f) => {
      const name = f.properties?.name ?? '';
      const cc = (f.id === undefined ? NO_ID_NAMES[name] : NUMERIC_TO_ALPHA2[String(f.id)]) ?? null;
      const g = f.geometry as { type: string; coordinates: unknown };
      return {
        type: 'Feature',
        id: cc,
        properties: { name: cc ? countryName(cc) : name },
        geometry: { type: g.type, coordinates: round(g.coordinates) },
      };
    });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** d3-array then d3-geo, their UMD builds found beside the packages' entry files (d3-array as d3-geo resolves it). */
function d3Bundle(): string {
  const geo = createRequire(import.meta.url).resolve('d3-geo');
  const array = createRequire(geo).resolve('d3-array');
  return [join(dirname(array), 'd3-array.min.js'), join(dirname(geo), 'd3-geo.min.js')].map((f) => readFileSync(f, 'utf8')).join('\n;\n');
}

let cache: Map<string, Asset> | null = null;

/** Asset name → asset: style.css, world.json, d3.js, globe.js. */
export function assets(): Map<string, Asset> {
  if (cache) return cache;
  cache = new Map([
    ['style.css', asset(STYLE, 'text/css; charset=utf-8')],
    ['world.json', asset(worldGeometry(), 'application/json')],
    ['d3.js', asset(d3Bundle(), 'text/javascript; charset=utf-8')],
    ['globe.js', asset(readFileSync(join(here, 'client', 'globe.js'), 'utf8'), 'text/javascript; charset=utf-8')],
  ]);
  return cache;
}
