/**
 * Responses kept ready to send: a story's report (`/api/stories/:id`), its page (`/stories/:id`) and the pages of the
 * story list (`/api/stories?…`), gzipped bytes and headers, answered from the socket handler without the framework's
 * Request, Response and middleware (most of a request's CPU once the body itself is cached). An entry is what the app
 * itself answered to a request made in-process (`fill`), so it carries the same headers; it is trusted for `ttlMs` —
 * the time the app already trusts a story's latest version — then refreshed in the background while it is still
 * served, and the entries are bounded in bytes. Each carries an ETag; a request with a matching If-None-Match gets
 * 304. Only GET, gzipped or not compressed (a client that takes deflate but not gzip goes to the app, as do a miss
 * and every request of a private server). What another process stores shows within two seconds (the app's own
 * second, then this one's); an ingest through this server's API clears every entry.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A story's report or page (no query), or a page of the story list (any query: the app answers a bad one 400, never kept). */
const HOT_PATH = /^\/(?:api\/)?stories\/[A-Za-z0-9_.~-]{1,120}$|^\/api\/stories(?:\?[\w.~%&=+-]{0,300})?$/;

interface Entry {
  at: number;
  /** Names and values in one list, as writeHead takes them: the app's headers, the ETag and the length. */
  head: string[];
  /** The headers of a 304: ETag and Vary. */
  notModified: string[];
  body: Buffer;
  etag: string;
  /** Bytes counted against the bound. */
  cost: number;
}

/** What the app answered was not to be kept (a redirect, a 404, a 400): the app answers that path until `at` + ttl. */
interface Pass {
  at: number;
  pass: true;
  cost: number;
}

export interface HotOptions {
  /** How long an entry is served as is; after that it is served while a refresh runs. */
  ttlMs: number;
  /** Bound on the bytes of all bodies kept. */
  maxBytes: number;
  now?: () => number;
  /** Called for each response sent from here (request metrics). */
  onServe?: (status: number) => void;
}

/** The bodies' own headers kept with them; the date and length are written per response. */
const DROP = new Set(['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

export class HotResponses {
  private readonly entries = new Map<string, Entry | Pass>();
  private readonly filling = new Set<string>();
  private bytes = 0;
  private generation = 0;
  private readonly now: () => number;

  constructor(
    /** The app's own answer to a GET of `path`, with gzip accepted or with no encoding accepted. */
    private readonly fill: (path: string, gzip: boolean) => Promise<Response>,
    private readonly opts: HotOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Answers the request from memory and returns true, or returns false (the app answers it) after starting a fill. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = req.url;
    if (req.method !== 'GET' || !path || !HOT_PATH.test(path)) return false;
    // gzip, or no compression at all (a client that takes deflate but not gzip is left to the app)
    const accepts = req.headers['accept-encoding'] ?? '';
    const gzip = /\bgzip\b/.test(accepts);
    if (!gzip && /\bdeflate\b/.test(accepts)) return false;
    const key = gzip ? path : `${path} identity`;
    const e = this.entries.get(key);
    const fresh = !!e && this.now() - e.at < this.opts.ttlMs;
    if (!fresh) this.refresh(key, path, gzip);
    // a stale entry is still served while its refresh runs (a fraction of a second more)
    if (!e || 'pass' in e || (!fresh && !this.filling.has(key))) return false;
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(/\s*,\s*/).some((t) => t === e.etag || t === '*' || t === `W/${e.etag}`)) {
      res.writeHead(304, e.notModified);
      res.end();
      this.opts.onServe?.(304);
      return true;
    }
    res.writeHead(200, e.head);
    res.end(e.body);
    this.opts.onServe?.(200);
    return true;
  }

  /** Forgets every entry (an ingest through this server changed stories). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.generation++;
  }

  /**
   * Marks the entries of these stories (their report and page) and every page of the story list as due for a
   * refresh (null: every entry). Unlike clear(), an entry is still served while its refresh runs: a change made by
   * another thread shows on the next request's refresh, and no request waits for it.
   */
  expire(storyIds: readonly string[] | null): void {
    const ids = storyIds && new Set(storyIds);
    for (const [key, e] of this.entries) {
      const path = key.endsWith(' identity') ? key.slice(0, -' identity'.length) : key;
      const story = /^\/(?:api\/)?stories\/([^/?]+)$/.exec(path);
      if (!ids || !story || ids.has(story[1]!)) e.at = -Infinity;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private refresh(key: string, path: string, gzip: boolean): void {
    if (this.filling.has(key)) return;
    this.filling.add(key);
    const gen = this.generation;
    this.load(path, gzip)
      .then((e) => {
        // a clear() during the fill: what was read may predate the change
        if (gen !== this.generation) return;
        this.drop(key);
        this.keep(key, e);
      })
      .catch(() => this.drop(key))
      .finally(() => this.filling.delete(key));
  }

  private async load(path: string, gzip: boolean): Promise<Entry | Pass> {
    const at = this.now();
    const r = await this.fill(path, gzip);
    const body = Buffer.from(await r.arrayBuffer());
    // Only a 200 in the encoding asked for is kept: redirects (merged stories), 404s and others go through the app,
    // which is not asked again for that path before ttlMs has passed.
    if (r.status !== 200 || r.headers.get('content-encoding') !== (gzip ? 'gzip' : null)) return { at, pass: true, cost: 64 + path.length };
    const etag = r.headers.get('etag') ?? `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const head: string[] = [];
    r.headers.forEach((v, k) => {
      if (!DROP.has(k) && k !== 'etag') head.push(k, v);
    });
    head.push('etag', etag, 'content-length', String(body.length));
    const notModified = ['etag', etag, 'vary', r.headers.get('vary') ?? 'accept-encoding'];
    return { at, head, notModified, body, etag, cost: body.length + 64 + path.length };
  }

  private keep(key: string, e: Entry | Pass): void {
    if (e.cost > this.opts.maxBytes) return;
    this.entries.set(key, e);
    this.bytes += e.cost;
    // the entries filled longest ago leave first
    for (const [k, old] of this.entries) {
      if (this.bytes <= this.opts.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= old.cost;
    }
  }

  private drop(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.cost;
  }
}
