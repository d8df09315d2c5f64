/**
 * robots.txt (RFC 9309): groups by user-agent, Allow/Disallow rules with `*`
 * and `$` wildcards, longest match wins, Allow wins a tie.
 */

export interface RobotsRule {
  allow: boolean;
  pattern: string;
}

export interface RobotsGroup {
  agents: string[];
  rules: RobotsRule[];
  /** Crawl-delay in seconds (a non-standard but common directive), when given. */
  crawlDelayS?: number;
}

export interface Robots {
  groups: RobotsGroup[];
}

/** Max robots.txt lines read (the RFC asks parsers to handle at least 500 KiB). */
const MAX_LINES = 20000;

export function parseRobots(text: string): Robots {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | null = null;
  let lastWasAgent = false;
  const lines = text.split(/\r\n|\r|\n/, MAX_LINES);
  for (const raw of lines) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.crawlDelayS = n;
      continue;
    }
    if (key === 'allow' || key === 'disallow') {
      // An empty Disallow means "allow everything": it adds no rule.
      if (!value) continue;
      current.rules.push({ allow: key === 'allow', pattern: value });
    }
  }
  return { groups };
}

/** The product token of a User-Agent string: `ParallaxBot/0.1 (+…)` → `parallaxbot`. */
export function productToken(userAgent: string): string {
  const m = /^[A-Za-z0-9_-]+/.exec(userAgent.trim());
  return (m ? m[0] : userAgent).toLowerCase();
}

function groupsFor(robots: Robots, userAgent: string): RobotsGroup[] {
  const token = productToken(userAgent);
  const specific = robots.groups.filter((g) =>
    g.agents.some((a) => a !== '*' && (a === token || token.startsWith(a) || a.startsWith(token))),
  );
  if (specific.length) return specific;
  return robots.groups.filter((g) => g.agents.includes('*'));
}

function decodePath(s: string): string {
  // Compare paths with percent-escapes normalized to upper case, other bytes as-is.
  return s.replace(/%[0-9a-f]{2}/gi, (x) => x.toUpperCase());
}

function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = decodePath(anchored ? pattern.slice(0, -1) : pattern);
  const parts = body.split('*');
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === 0) {
      if (!path.startsWith(part)) return false;
      pos = part.length;
      continue;
    }
    if (i === parts.length - 1 && anchored) {
      return path.length - part.length >= pos && path.endsWith(part);
    }
    const idx = path.indexOf(part, pos);
    if (idx < 0) return false;
    pos = idx + part.length;
  }
  return anchored ? pos === path.length : true;
}

/** Whether `pathAndQuery` (e.g. `/news/a?id=1`) may be fetched by `userAgent`. */
export function isAllowed(robots: Robots, userAgent: string, pathAndQuery: string): boolean {
  const path = decodePath(pathAndQuery || '/');
  if (path === '/robots.txt') return true;
  let best: RobotsRule | null = null;
  for (const g of groupsFor(robots, userAgent)) {
    for (const r of g.rules) {
      if (!patternMatches(r.pattern, path)) continue;
      if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.allow && !best.allow)) best = r;
    }
  }
  return best ? best.allow : true;
}

/** The Crawl-delay (seconds) that applies to `userAgent`, or null. */
export function crawlDelay(robots: Robots, userAgent: string): number | null {
  let best: number | null = null;
  for (const g of groupsFor(robots, userAgent)) if (g.crawlDelayS !== undefined) best = Math.max(best ?? 0, g.crawlDelayS);
  return best;
}

export const ALLOW_ALL: Robots = { groups: [] };
export const DISALLOW_ALL: Robots = { groups: [{ agents: ['*'], rules: [{ allow: false, pattern: '/' }] }] };
