/**
 * Private mode in a browser: a login form takes the token once and sets a session cookie (HttpOnly,
 * SameSite=Strict, Secure over HTTPS) that stands in for the bearer header on reads. The cookie is
 * `<expiry>.<HMAC-SHA256 of the expiry keyed by the token>`: nothing is stored server-side, and changing the
 * token ends every session. Writes still need the bearer header (a cookie is sent by the browser on its own).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { esc } from './web.ts';

export const SESSION_COOKIE = 'parallax_session';
const SESSION_S = 7 * 24 * 3600;

function sign(token: string, exp: number): string {
  return createHmac('sha256', token).update(`parallax-session:${exp}`).digest('base64url');
}

export function sessionValue(token: string, nowMs: number): string {
  const exp = Math.floor(nowMs / 1000) + SESSION_S;
  return `${exp}.${sign(token, exp)}`;
}

/** Whether the request's cookie header carries a valid, unexpired session for this token. */
export function sessionValid(cookieHeader: string | undefined, token: string, nowMs: number): boolean {
  const m = cookieHeader?.split(/;\s*/).find((p) => p.startsWith(`${SESSION_COOKIE}=`));
  const v = m?.slice(SESSION_COOKIE.length + 1) ?? '';
  const dot = v.indexOf('.');
  const exp = Number(v.slice(0, dot));
  if (dot < 1 || !Number.isInteger(exp) || exp * 1000 < nowMs) return false;
  const want = Buffer.from(sign(token, exp));
  const got = Buffer.from(v.slice(dot + 1));
  return want.length === got.length && timingSafeEqual(want, got);
}

/** A local path to return to after login (never another origin). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

function cookie(c: Context, value: string, maxAge: number): string {
  const secure = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function loginPage(next: string, failed: boolean): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in · Parallax</title><link rel="stylesheet" href="/static/style.css"></head><body><main><h1>Parallax</h1>
<p>This server is private. Enter its access token (PARALLAX_TOKEN).</p>${failed ? '<p><strong>Wrong token.</strong></p>' : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${esc(next)}">
<label>Token <input type="password" name="token" autocomplete="current-password" required></label> <button type="submit">Sign in</button></form>` +
    `</main></body></html>`
  );
}

/** Whether a request is a browser asking for a page (it gets the login form rather than a 401 JSON body). */
export function wantsPage(c: Context): boolean {
  return c.req.method === 'GET' && /text\/html/.test(c.req.header('accept') ?? '') && !c.req.path.startsWith('/api/');
}

/** GET/POST /login and POST /logout. */
export function registerSession(app: Hono, token: () => string | undefined, now: () => number): void {
  app.get('/login', (c) => c.html(loginPage(safeNext(c.req.query('next')), false)));
  app.post('/login', async (c) => {
    const t = token();
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const given = typeof form.token === 'string' ? form.token : '';
    const next = safeNext(form.next);
    const ok =
      !!t &&
      given.length > 0 &&
      timingSafeEqual(createHmac('sha256', 'k').update(given).digest(), createHmac('sha256', 'k').update(t).digest());
    if (!ok) return c.html(loginPage(next, true), 401);
    c.header('Set-Cookie', cookie(c, sessionValue(t, now()), SESSION_S));
    return c.redirect(next, 303);
  });
  app.post('/logout', (c) => {
    c.header('Set-Cookie', cookie(c, '', 0));
    return c.redirect('/login', 303);
  });
}
