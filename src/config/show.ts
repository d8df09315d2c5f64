/**
 * The effective configuration for an operator (`parallax config`): every setting with its value or default,
 * secrets masked (tokens and keys, and the password or user info inside URLs).
 */
import { ConfigSchema, SECRET_KEYS, type Config } from './index.ts';

const MASK = '********';

/** A URL with its password (and user name, when there is a password) masked; other text unchanged. */
export function maskUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return value;
  }
  if (!u.password && !u.username) return value;
  if (u.password) u.password = MASK;
  else u.username = MASK;
  return u.toString();
}

export function maskedConfig(config: Config): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const key of Object.keys(ConfigSchema.shape).sort()) {
    const v = (config as Record<string, unknown>)[key];
    if (v === undefined || v === null) out[key] = null;
    else if (SECRET_KEYS.has(key)) out[key] = MASK;
    else if (typeof v === 'string') out[key] = maskUrl(v);
    else out[key] = v as number | boolean;
  }
  return out;
}
