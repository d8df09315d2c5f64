/**
 * Builds data/registry/outlets.json, the shipped outlet registry. Run by hand:
 *
 *   node --import tsx scripts/build-registry.ts [SHARED_DIR]
 *
 * SHARED_DIR defaults to ../shared. It reads only STRUCTURED fields of Kagi News's public feed list and
 * media data (kite-public, MIT): category → country, feed URLs, outlet names, domains, countries and typology.
 * Their prose (descriptions, owners) is never read into the output. data/registry/curated.txt, written by
 * the Parallax authors, is merged over it (names, countries, languages, ownership, extra feeds), and
 * data/registry/names.txt (also the authors') gives display names to outlets Kagi knows only by their domain.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countryName, allCountryCodes, regionOf } from '../src/sources/countries.ts';
import { RegistryFileSchema, type RegistryOutlet, type Ownership } from '../src/sources/registry.ts';
import { registrableDomain } from '../src/sources/domains.ts';
import { parseNames, applyNames } from '../src/sources/registry-names.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const shared = resolve(process.argv[2] ?? join(root, '..', 'shared'));
const dataDir = join(shared, 'datasets', 'outlets');

interface KiteCategory {
  category_type: string;
  source_language: string;
  feeds: string[];
}
interface MediaRow {
  country: string;
  organization: string;
  domains: string[];
  typology: string;
}

const kite = JSON.parse(readFileSync(join(dataDir, 'kite_feeds.json'), 'utf8')) as Record<string, KiteCategory>;
const media = JSON.parse(readFileSync(join(dataDir, 'media_data.json'), 'utf8')) as MediaRow[];

// ---- country names → ISO codes
const NAME_TO_CODE = new Map<string, string>();
for (const c of allCountryCodes()) NAME_TO_CODE.set(countryName(c)!.toLowerCase(), c);
const ALIASES: Record<string, string> = {
  usa: 'US',
  'united states': 'US',
  uk: 'GB',
  'united kingdom': 'GB',
  'the netherlands': 'NL',
  'czech republic': 'CZ',
  turkey: 'TR',
  'dr congo': 'CD',
  macau: 'MO',
  'south korea': 'KR',
  'north carolina': 'US',
  'madeira island': 'PT',
  'switzerland (de)': 'CH',
  'switzerland (fr)': 'CH',
  'switzerland (it)': 'CH',
  'hong kong': 'HK',
  palestine: 'PS',
  'saint kitts and nevis': 'KN',
  'ecology | france': 'FR',
  'healthcare | germany': 'DE',
  'healthcare | usa': 'US',
  'u.s. soccer': '',
  'french football': '',
  'french music': '',
  'french sports': '',
};
function countryOfName(name: string): string | null {
  const n = name.trim().toLowerCase();
  if (n in ALIASES) return ALIASES[n] || null;
  if (NAME_TO_CODE.has(n)) return NAME_TO_CODE.get(n)!;
  const head = n.split('|')[0].trim();
  if (head !== n) return countryOfName(head);
  return null;
}

/** Kite categories about a world region: their feeds are placed by country-code top-level domain only. */
const REGION_TOPICS = new Set(['Africa', 'Asia', 'Middle East', 'Europe', 'Caribbean']);

// ---- top-level domains that are countries (and are not mostly used as generic names)
const GENERIC_CCTLDS = new Set([
  'co',
  'io',
  'tv',
  'me',
  'ai',
  'fm',
  'ly',
  'cc',
  'ws',
  'to',
  'gg',
  'sh',
  'am',
  'so',
  'la',
  'nu',
  'st',
  'vc',
  'ag',
  'sc',
  'mu',
  'is',
  'es',
  'ps',
  'ms',
  'im',
  'cx',
]);
function countryOfTld(host: string): string | null {
  const tld = host.split('.').pop()!.toLowerCase();
  if (tld === 'uk') return 'GB';
  if (tld.length !== 2 || GENERIC_CCTLDS.has(tld)) return null;
  const code = tld.toUpperCase();
  return countryName(code) ? code : null;
}

// ---- hosts that are platforms, aggregators or not news outlets
const EXCLUDED_HOST = [
  /(^|\.)news\.google\.com$/,
  /feedburner\.com$/,
  /(^|\.)nitter\./,
  /(^|\.)reddit\.com$/,
  /(^|\.)rss\.app$/,
  /hnrss\.org$/,
  /disqus\.com$/,
  /amazonaws\.com$/,
  /blogspot\./,
  /wordpress\.com$/,
  /medium\.com$/,
  /substack\.com$/,
  /feedx\.net$/,
  /youtube\.com$/,
  /twitter\.com$/,
  /(^|\.)x\.com$/,
  /politepol\.com$/,
  /fetchrss\.com$/,
  /rsshub/,
  /(^|\.)yahoo\.com$/,
  /msn\.com$/,
  /baidu\.com$/,
  /allafrica\.com$/,
  /arxiv\.org$/,
  /github\.io$/,
  /\.gov(\.[a-z]{2})?$/,
  /(^|\.)gov\.[a-z]{2}$/,
  /\.gob\.[a-z]{2}$/,
  /\.gouv\.[a-z]{2}$/,
  /\.edu(\.[a-z]{2})?$/,
  /\.ac\.[a-z]{2}$/,
  /parliament/,
  /^president\./,
  /allsides\.com$/,
  /usip\.org$/,
  /feedly\.com$/,
  /inoreader\.com$/,
  /(^|\.)t\.me$/,
  /telegram/,
  /tumblr\.com$/,
  /wixsite\.com$/,
  /flipboard\.com$/,
  // A search engine, an NGO and a UN information service filed under country categories: not news outlets.
  /(^|\.)bing\.com$/,
  /(^|\.)hrw\.org$/,
  /(^|\.)reliefweb\.int$/,
];
const isExcluded = (host: string) => EXCLUDED_HOST.some((re) => re.test(host));

// ---- languages: Kagi uses a few non-BCP-47 tags
const LANG_FIX: Record<string, string> = { gr: 'el', arq: 'ar' };
function normLang(l: string): string {
  return LANG_FIX[l] ?? l;
}
function feedLanguage(url: URL, categoryLang: string): string {
  const h = url.hostname;
  if (/^(en|english|eng)\./.test(h) || /\/(en|english|eng)(\/|$)/.test(url.pathname)) return 'en';
  return normLang(categoryLang);
}

function ownershipOf(typology: string): Ownership {
  const t = typology.toLowerCase();
  if (t.includes('state')) return 'state';
  if (t.includes('public')) return 'public-broadcaster';
  if (t.includes('private') || t.includes('independent') || t.includes('non-profit') || t.includes('print')) return 'private';
  return 'unknown';
}

// ---- curated entries
interface Curated {
  id: string;
  name: string;
  country: string;
  languages: string[];
  ownership: Ownership;
  feeds: string[];
}
const curated = new Map<string, Curated>();
for (const line of readFileSync(join(root, 'data', 'registry', 'curated.txt'), 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [id, name, country, langs, own, feeds = ''] = line.split('|').map((s) => s.trim());
  if (curated.has(id)) throw new Error(`curated.txt: duplicate id ${id}`);
  curated.set(id, {
    id,
    name,
    country,
    languages: langs
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ownership: own as Ownership,
    feeds: feeds.split(/\s+/).filter(Boolean),
  });
}

/** Feed hosts that belong to an outlet known under another domain. */
const DOMAIN_ALIASES: Record<string, string> = {
  'bbci.co.uk': 'bbc.co.uk',
  'ukrinform.net': 'ukrinform.ua',
  'unian.net': 'unian.ua',
  'tass.ru': 'tass.com',
  'news.cn': 'xinhuanet.com',
  'dj.com': 'wsj.com',
  'corriereobjects.it': 'corriere.it',
  '24.com': 'news24.com',
  'ynet.co.il': 'ynetnews.com',
  'nhk.jp': 'nhk.or.jp',
  'chinanews.com': 'chinanews.com.cn',
};
/** Curated ids that are subdomains (g1.globo.com, timesofindia.indiatimes.com) claim their hosts. */
const subdomainIds = [...curated.keys()].filter((id) => registrableDomain(id) !== id);
function outletIdForHost(host: string): string | null {
  for (const cid of subdomainIds) if (host === cid || host.endsWith('.' + cid)) return cid;
  const reg = registrableDomain(host);
  if (!reg) return null;
  return DOMAIN_ALIASES[reg] ?? reg;
}

// ---- collect Kagi feeds per outlet domain
interface Acc {
  id: string;
  hosts: Map<string, number>;
  countries: Map<string, number>;
  languages: Map<string, number>;
  feeds: Set<string>;
}
const accs = new Map<string, Acc>();
for (const [cat, def] of Object.entries(kite)) {
  const catCountry = countryOfName(cat);
  const regional = REGION_TOPICS.has(cat);
  if (!catCountry && !regional) continue;
  for (const raw of def.feeds) {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      continue;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
    const host = u.hostname.toLowerCase();
    if (isExcluded(host)) continue;
    const id = outletIdForHost(host);
    if (!id) continue;
    const country = catCountry ?? countryOfTld(host);
    if (!country) continue;
    let a = accs.get(id);
    if (!a) accs.set(id, (a = { id, hosts: new Map(), countries: new Map(), languages: new Map(), feeds: new Set() }));
    a.hosts.set(host, (a.hosts.get(host) ?? 0) + 1);
    a.countries.set(country, (a.countries.get(country) ?? 0) + 1);
    const lang = feedLanguage(u, def.source_language);
    a.languages.set(lang, (a.languages.get(lang) ?? 0) + 1);
    a.feeds.add(u.toString());
  }
}

// ---- media data: names, countries, ownership by domain
interface MediaFacts {
  name: string;
  country: string | null;
  ownership: Ownership;
}
const mediaByDomain = new Map<string, MediaFacts>();
for (const m of media) {
  const country = countryOfName(m.country);
  for (const d of m.domains) {
    const id = registrableDomain(d.toLowerCase());
    if (!id || mediaByDomain.has(id)) continue;
    mediaByDomain.set(id, { name: m.organization.trim(), country, ownership: ownershipOf(m.typology) });
  }
}

/** Prefers a site's main or latest-news feeds: paths that say so, then shorter URLs. */
function feedRank(url: string): number {
  const p = url.toLowerCase();
  let score = p.length;
  if (/(latest|lastnews|all|home|index|top|portada|main|news|ultim|feed\/?$|rss\/?$|rss\.xml$)/.test(p)) score -= 40;
  if (/(sport|futbol|football|celebr|entertain|lifestyle|horoscop|recipe|podcast|video|weather|tag\/|category\/)/.test(p)) score += 60;
  return score;
}

const MAX_FEEDS = 3;
/** Outlets taken from Kagi's lists per country (curated outlets come on top). */
const MAX_DERIVED_PER_COUNTRY = 20;

function top<K>(m: Map<K, number>): K {
  return [...m.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

const outlets = new Map<string, RegistryOutlet>();
function homepageFor(host: string): string {
  return `https://${host}/`;
}

// Kagi-derived outlets, best first per country
const derived: Array<{ o: RegistryOutlet; score: number }> = [];
for (const a of accs.values()) {
  if (curated.has(a.id)) continue;
  const mf = mediaByDomain.get(a.id);
  const tld = countryOfTld(a.id);
  let country: string;
  if (mf?.country) country = mf.country;
  else if (tld) country = tld;
  else if (a.countries.size === 1) country = top(a.countries);
  else continue; // a generic domain filed under several countries: its home is unknown, so it is left out
  const mainHost = top(a.hosts).replace(/^(feeds?|rss|rssfeeds|rssexport|api|feed)\d*\./, '');
  const host = mainHost.startsWith('www.') || mainHost === a.id ? mainHost : a.id;
  const feeds = [...a.feeds].sort((x, y) => feedRank(x) - feedRank(y)).slice(0, MAX_FEEDS);
  derived.push({
    o: {
      id: a.id,
      name: mf?.name ?? a.id,
      homepage: homepageFor(host),
      country,
      languages: [...a.languages.entries()].sort((x, y) => y[1] - x[1]).map(([l]) => l),
      feeds,
      ownership: mf?.ownership ?? 'unknown',
    },
    score: (mf ? 100 : 0) + a.feeds.size + (a.countries.get(country) ?? 0),
  });
}
derived.sort((x, y) => y.score - x.score || x.o.id.localeCompare(y.o.id));
const perCountry = new Map<string, number>();
for (const { o } of derived) {
  const n = perCountry.get(o.country) ?? 0;
  if (n >= MAX_DERIVED_PER_COUNTRY) continue;
  perCountry.set(o.country, n + 1);
  outlets.set(o.id, o);
}

// Media-data outlets with no Kagi feeds: only state media and public broadcasters (news agencies, broadcasters),
// one outlet per organisation under its first domain; the rest of that list is mostly not news.
for (const m of media) {
  const country = countryOfName(m.country);
  const own = ownershipOf(m.typology);
  const domains = [
    ...new Set(
      m.domains
        .map((d) => registrableDomain(d.toLowerCase()))
        .filter((d): d is string => !!d)
        .map((d) => DOMAIN_ALIASES[d] ?? d),
    ),
  ];
  if (!country || domains.length === 0 || (own !== 'state' && own !== 'public-broadcaster')) continue;
  if (domains.some((d) => outlets.has(d) || curated.has(d) || accs.has(d))) continue;
  const id = domains[0];
  outlets.set(id, {
    id,
    name: m.organization.trim(),
    homepage: homepageFor(`www.${id}`),
    country,
    languages: [],
    feeds: [],
    ownership: own,
    domains,
  });
}

// Curated outlets: their facts win; Kagi feeds for the same domain are kept after the curated ones.
for (const c of curated.values()) {
  const a = accs.get(c.id);
  const mf = mediaByDomain.get(c.id);
  const kagiFeeds = a ? [...a.feeds].sort((x, y) => feedRank(x) - feedRank(y)) : [];
  const feeds = [...new Set([...c.feeds, ...kagiFeeds])].slice(0, Math.max(MAX_FEEDS, c.feeds.length));
  outlets.set(c.id, {
    id: c.id,
    name: c.name,
    homepage: homepageFor(registrableDomain(c.id) === c.id ? `www.${c.id}` : c.id),
    country: c.country,
    languages: c.languages,
    feeds,
    ownership: c.ownership === 'unknown' && mf ? mf.ownership : c.ownership,
  });
}

// Display names for outlets otherwise named by their domain (names.txt): only the name changes; curated names win.
const namesFile = join(root, 'data', 'registry', 'names.txt');
const renamed = applyNames(outlets.values(), parseNames(readFileSync(namesFile, 'utf8'), namesFile), new Set(curated.keys()));

// Languages of outlets known only from media data: the main language of their country's Kagi category, if any.
const countryLang = new Map<string, string>();
for (const [cat, def] of Object.entries(kite)) {
  const c = countryOfName(cat);
  if (c && !countryLang.has(c)) countryLang.set(c, normLang(def.source_language));
}
for (const o of outlets.values()) if (o.languages.length === 0) o.languages = [countryLang.get(o.country) ?? 'en'];

// Every domain an outlet publishes under (its id first), so that an article URL can be matched to its outlet.
for (const o of outlets.values()) {
  const extra = Object.entries(DOMAIN_ALIASES)
    .filter(([from, to]) => to === o.id && from !== o.id)
    .map(([from]) => from);
  o.domains = [...new Set([o.id, ...(o.domains ?? []), ...extra])];
}

const list = [...outlets.values()].sort((a, b) => a.country.localeCompare(b.country) || a.id.localeCompare(b.id));
const file = {
  version: 1,
  description: 'The outlet registry shipped with Parallax. Built by scripts/build-registry.ts; user sources live in the database.',
  feedsVerified: false,
  note:
    'Feed URLs could not be verified from the machine that built this file (it has no network). `parallax run` reports ' +
    "dead feeds (stderr status line) and `parallax sources list` shows each feed's last error and error count.",
  sources: [
    {
      name: 'Kagi News kite-public (kite_feeds.json, media_data.json): structured fields only — categories, feed URLs, outlet names, domains, countries, typology',
      url: 'https://github.com/kagisearch/kite-public',
      commit: 'c4fc3b579c3bbdcce5277d1956347131283170e5',
      license: 'MIT',
      licenseText: readFileSync(join(dataDir, 'LICENSE'), 'utf8').trim(),
    },
    { name: 'data/registry/curated.txt (Parallax authors, from public knowledge)', license: 'MIT' },
    {
      name: 'data/registry/names.txt (Parallax authors, from public knowledge): display names of outlets known only by domain',
      license: 'MIT',
    },
  ],
  outlets: list,
};
const parsed = RegistryFileSchema.parse(file);
writeFileSync(join(root, 'data', 'registry', 'outlets.json'), JSON.stringify(parsed, null, 1) + '\n');

const countries = new Set(list.map((o) => o.country));
const regions = new Set(list.map((o) => regionOf(o.country)));
process.stderr.write(
  `wrote ${list.length} outlets in ${countries.size} countries, ${regions.size} regions; ` +
    `${list.filter((o) => o.feeds.length > 0).length} with feeds, ${list.reduce((n, o) => n + o.feeds.length, 0)} feeds; ` +
    `${renamed} named from names.txt, ${list.filter((o) => o.name === o.id).length} still named by their domain\n`,
);
