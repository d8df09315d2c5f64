/**
 * The registrable domain of a host name ("www.bbc.co.uk" → "bbc.co.uk", "en.irna.ir" → "irna.ir"), used as
 * an outlet's stable id and to recognise an outlet from any of its URLs. A small built-in rule, not the full
 * Public Suffix List: under a two-letter country domain, a generic second level (co, com, org, net, gov, ...)
 * belongs to the suffix.
 */
const SECOND_LEVEL = new Set([
  'co',
  'com',
  'org',
  'net',
  'gov',
  'ac',
  'edu',
  'gob',
  'gouv',
  'or',
  'ne',
  'go',
  'info',
  'news',
  'web',
  'nic',
  'mil',
  'biz',
  'ltd',
  'plc',
  'tv',
  'press',
  'rep',
  'in',
  'media',
  'sch',
  'int',
  'nom',
  'gv',
  'gen',
]);

export function registrableDomain(host: string): string | null {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9.-]+$/.test(h) || !h.includes('.')) return null;
  if (/^\d+(\.\d+){3}$/.test(h)) return h;
  const labels = h.split('.').filter(Boolean);
  if (labels.length < 2) return null;
  const tld = labels[labels.length - 1];
  const second = labels[labels.length - 2];
  const n = tld.length === 2 && SECOND_LEVEL.has(second) && labels.length >= 3 ? 3 : 2;
  return labels.slice(-n).join('.');
}

/** The registrable domain of a URL's host, or null when it is not an http(s) URL. */
export function domainOfUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return registrableDomain(u.hostname);
  } catch {
    return null;
  }
}
