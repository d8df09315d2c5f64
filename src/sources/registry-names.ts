/**
 * The name overlay of the registry build (data/registry/names.txt): display names for outlets that the Kagi feed
 * list knows only by their domain. Pure functions, used by scripts/build-registry.ts.
 *
 * names.txt format: one `domain | name` a line; blank lines and lines starting with `#` are ignored.
 */

/** Parses names.txt. Throws on a malformed line, an empty name or a domain listed twice. */
export function parseNames(text: string, file = 'names.txt'): Map<string, string> {
  const names = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split('|').map((s) => s.trim());
    if (parts.length !== 2) throw new Error(`${file}:${i + 1}: expected "domain | name", got ${JSON.stringify(raw)}`);
    const [id, name] = parts;
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(id)) throw new Error(`${file}:${i + 1}: ${JSON.stringify(id)} is not a lower-case domain`);
    if (!name) throw new Error(`${file}:${i + 1}: ${id} has an empty name`);
    if (names.has(id)) throw new Error(`${file}:${i + 1}: duplicate domain ${id}`);
    names.set(id, name);
  });
  return names;
}

/**
 * Sets the name of every outlet whose id is in `names`, in place; only the name changes. Throws if a domain in
 * `names` matches no outlet, or names an outlet in `keepNames` (curated outlets, whose own names win).
 * Returns how many outlets were renamed.
 */
export function applyNames<T extends { id: string; name: string }>(
  outlets: Iterable<T>,
  names: ReadonlyMap<string, string>,
  keepNames: ReadonlySet<string> = new Set(),
): number {
  const byId = new Map<string, T>();
  for (const o of outlets) byId.set(o.id, o);
  const unknown = [...names.keys()].filter((id) => !byId.has(id));
  if (unknown.length) throw new Error(`names.txt: no outlet has the id ${unknown.join(', ')}`);
  const kept = [...names.keys()].filter((id) => keepNames.has(id));
  if (kept.length) throw new Error(`names.txt: ${kept.join(', ')} named in curated.txt already`);
  for (const [id, name] of names) byId.get(id)!.name = name;
  return names.size;
}
