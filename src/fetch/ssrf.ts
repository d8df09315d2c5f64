/**
 * SSRF guard: the fetcher must never connect to loopback, private, link-local,
 * multicast, unspecified or otherwise special-purpose addresses unless the
 * operator allows the private network (PARALLAX_ALLOW_PRIVATE_NETWORK).
 *
 * The check runs on the RESOLVED address at connect time (a `lookup` function
 * handed to http.request), so DNS rebinding cannot bypass it, and on literal
 * IPs in URLs (Node skips `lookup` for those). The fetcher calls both for every
 * hop of a redirect chain.
 */
import { isIP } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { fail, ok, type Result } from '../model.ts';

/** Resolves a host name to all its addresses (injectable for tests). */
export type LookupFn = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemLookup: LookupFn = async (hostname) => {
  const r = await dnsLookup(hostname, { all: true, verbatim: true });
  return r.map((a) => ({ address: a.address, family: a.family }));
};

type V4Range = [base: number, bits: number, reason: string];

function v4(s: string): number {
  const p = s.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

const V4_BLOCKED: V4Range[] = [
  [v4('0.0.0.0'), 8, 'unspecified/"this network"'],
  [v4('10.0.0.0'), 8, 'private (RFC 1918)'],
  [v4('100.64.0.0'), 10, 'carrier-grade NAT (RFC 6598)'],
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link-local (cloud metadata)'],
  [v4('172.16.0.0'), 12, 'private (RFC 1918)'],
  [v4('192.0.0.0'), 24, 'IETF protocol assignments'],
  [v4('192.0.2.0'), 24, 'documentation'],
  [v4('192.88.99.0'), 24, '6to4 relay anycast'],
  [v4('192.168.0.0'), 16, 'private (RFC 1918)'],
  [v4('198.18.0.0'), 15, 'benchmarking'],
  [v4('198.51.100.0'), 24, 'documentation'],
  [v4('203.0.113.0'), 24, 'documentation'],
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('240.0.0.0'), 4, 'reserved/broadcast'],
];

function v4Reason(n: number): string | null {
  for (const [base, bits, reason] of V4_BLOCKED) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === base) return reason;
  }
  return null;
}

function parseV4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return null;
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

/** Parses an IPv6 address (optionally with an embedded IPv4 tail and a %zone) into 8 16-bit words. */
function parseV6(input: string): number[] | null {
  let s = input.replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const n = parseV4(s.slice(lastColon + 1));
    if (n === null) return null;
    tail = [n >>> 16, n & 0xffff];
    s = s.slice(0, lastColon + 1);
    if (!s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !rest) return null;
  const total = head.length + rest.length + tail.length;
  if (halves.length === 1) {
    if (total !== 8) return null;
    return [...head, ...tail];
  }
  if (total > 7) return null;
  return [...head, ...new Array<number>(8 - total).fill(0), ...rest, ...tail];
}

function v6Reason(w: number[]): string | null {
  const embedded = (hi: number, lo: number): string | null => {
    const r = v4Reason(((hi << 16) | lo) >>> 0);
    return r ? `${r} (IPv4 embedded in IPv6)` : null;
  };
  const zeros = (from: number, to: number) => w.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && w[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible, deprecated)
  if (zeros(0, 5) && (w[5] === 0xffff || w[5] === 0)) return embedded(w[6], w[7]);
  // ::ffff:0:a.b.c.d (IPv4-translated)
  if (zeros(0, 4) && w[4] === 0xffff && w[5] === 0) return embedded(w[6], w[7]);
  // 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64)
  if (w[0] === 0x64 && w[1] === 0xff9b) return embedded(w[6], w[7]);
  // 2002::/16 (6to4): the IPv4 address sits in words 1–2
  if (w[0] === 0x2002) return embedded(w[1], w[2]);
  if ((w[0] & 0xfe00) === 0xfc00) return 'unique local (fc00::/7)';
  if ((w[0] & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((w[0] & 0xffc0) === 0xfec0) return 'site-local (fec0::/10)';
  if ((w[0] & 0xff00) === 0xff00) return 'multicast';
  if (w[0] === 0x2001 && w[1] === 0x0db8) return 'documentation';
  if (w[0] === 0x2001 && w[1] === 0) return 'Teredo';
  if (w[0] === 0x0100 && zeros(1, 4)) return 'discard-only';
  // Everything outside global unicast 2000::/3 is special-purpose.
  if ((w[0] & 0xe000) !== 0x2000) return 'not global unicast';
  return null;
}

/**
 * Why an IP address must not be fetched, or null when it is a public address.
 * Anything that is not a parseable IP is refused too.
 */
export function blockedReason(address: string): string | null {
  const a = address.replace(/^\[|\]$/g, '');
  const n = parseV4(a);
  if (n !== null) return v4Reason(n);
  const w = parseV6(a);
  if (w) return v6Reason(w);
  return 'not an IP address';
}

export function isBlockedAddress(address: string): boolean {
  return blockedReason(address) !== null;
}

export interface AddressPolicy {
  allowPrivateNetwork: boolean;
  /** Exact `address:port` pairs (IPv6 as `[::1]:8080`) exempt from the block, e.g. a test server. */
  allowAddresses?: readonly string[];
}

function normalizeAddress(address: string): string {
  const a = address.replace(/^\[|\]$/g, '');
  const w = isIP(a) === 6 ? parseV6(a) : null;
  return w ? `[${w.map((x) => x.toString(16)).join(':')}]` : a;
}

function exempt(policy: AddressPolicy, address: string, port: number): boolean {
  if (!policy.allowAddresses?.length) return false;
  const key = `${normalizeAddress(address)}:${port}`;
  return policy.allowAddresses.some((entry) => {
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry.trim());
    return !!m && `${normalizeAddress(m[1])}:${m[2]}` === key;
  });
}

/** Checks one address under a policy; a Failure with fetch/blocked-address when refused. */
export function checkAddress(policy: AddressPolicy, address: string, port: number): Result<string> {
  if (policy.allowPrivateNetwork || exempt(policy, address, port)) return ok(address);
  const reason = blockedReason(address);
  if (reason) return fail('fetch/blocked-address', `refusing to connect to ${address} (${reason})`);
  return ok(address);
}

/** Default port of a URL. */
export function urlPort(u: URL): number {
  return u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
}

/**
 * Validates a URL before any connection: only http/https, no credentials-only
 * tricks, and a literal IP host must pass the address policy.
 */
export function checkUrl(raw: string, policy: AddressPolicy): Result<URL> {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return fail('fetch/bad-url', `not a valid URL: ${raw.slice(0, 200)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return fail('fetch/bad-url', `unsupported scheme ${u.protocol.replace(/:$/, '')} (only http and https)`);
  }
  if (!u.hostname) return fail('fetch/bad-url', `URL has no host: ${raw.slice(0, 200)}`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const r = checkAddress(policy, host, urlPort(u));
    if (!r.ok) return r;
  } else if (/^localhost\.?$|\.localhost\.?$/i.test(host) && !policy.allowPrivateNetwork) {
    // Resolved addresses are checked anyway; this only gives a clearer message early.
    return fail('fetch/blocked-address', `refusing to connect to ${host} (loopback name)`);
  }
  return ok(u);
}

/** Error raised inside the connect-time lookup; the fetcher maps it to fetch/blocked-address. */
export class BlockedAddressError extends Error {
  readonly code = 'EPARALLAXBLOCKED';
}

type NodeLookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request/net.connect: resolves with `resolve`, drops every
 * refused address, and fails with BlockedAddressError when none is left.
 */
export function guardedLookup(policy: AddressPolicy, port: number, resolve: LookupFn) {
  return (hostname: string, options: { all?: boolean; family?: number | string } | undefined, callback: NodeLookupCallback): void => {
    resolve(hostname).then(
      (addrs) => {
        const wantFamily =
          options?.family === 4 || options?.family === 'IPv4' ? 4 : options?.family === 6 || options?.family === 'IPv6' ? 6 : 0;
        const usable: LookupAddress[] = [];
        const refused: string[] = [];
        for (const a of addrs) {
          const family = a.family === 6 || isIP(a.address) === 6 ? 6 : 4;
          if (wantFamily && family !== wantFamily) continue;
          const r = checkAddress(policy, a.address, port);
          if (r.ok) usable.push({ address: a.address, family });
          else refused.push(r.message);
        }
        if (!usable.length) {
          const msg = refused.length ? refused[0] : `no usable address for ${hostname}`;
          const err: NodeJS.ErrnoException = refused.length
            ? new BlockedAddressError(msg)
            : Object.assign(new Error(msg), { code: 'ENOTFOUND' });
          callback(err, '', 4);
          return;
        }
        if (options?.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (e: unknown) => {
        const err = (e instanceof Error ? e : new Error(String(e))) as NodeJS.ErrnoException;
        callback(err, '', 4);
      },
    );
  };
}
