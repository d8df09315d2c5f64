/** Story ids stay stable for clients: an id whose story was merged into another redirects there (308). */
import type { Context } from 'hono';
import type { Store } from '../store/types.ts';

/** A redirect to the same path under the survivor's id, or null when `id` is itself a live story (or none). */
export async function redirectMerged(c: Context, store: Pick<Store, 'resolveStory'>, id: string): Promise<Response | null> {
  const to = await store.resolveStory(id);
  if (!to || to === id) return null;
  const url = new URL(c.req.url);
  const from = `/${encodeURIComponent(id)}`;
  const i = url.pathname.indexOf(from);
  if (i < 0) return null;
  const path = url.pathname.slice(0, i) + `/${encodeURIComponent(to)}` + url.pathname.slice(i + from.length);
  return c.redirect(path + url.search, 308);
}
