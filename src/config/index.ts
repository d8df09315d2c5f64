/**
 * One configuration schema, read from the environment and validated at start.
 * Nothing reads process.env at import time: callers pass `env` in.
 */
import { z } from 'zod';

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no', '']).transform((v) => v === '1' || v === 'true' || v === 'yes');

export const ConfigSchema = z.object({
  PARALLAX_DB: z.string().min(1).default('./parallax.db'),
  /** postgres://… to use PostgreSQL instead of SQLite. */
  PARALLAX_DATABASE_URL: z.string().url().optional(),
  PARALLAX_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  PARALLAX_HOST: z.string().default('127.0.0.1'),
  /** Bearer token required by write endpoints; unset = writes disabled over HTTP. */
  PARALLAX_TOKEN: z.string().min(8).optional(),
  /** Require the token for reads too. */
  PARALLAX_PRIVATE: bool.default(false),
  /** Allow fetching loopback/private/link-local addresses (tests, intranets). */
  PARALLAX_ALLOW_PRIVATE_NETWORK: bool.default(false),
  PARALLAX_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(20000),
  PARALLAX_FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  PARALLAX_FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  PARALLAX_USER_AGENT: z.string().default('ParallaxBot/0.1 (+https://github.com/parallax-news/parallax)'),
  PARALLAX_POLL_INTERVAL_S: z.coerce.number().int().positive().default(900),
  /** Poll the shipped outlet registry (data/registry/outlets.json) as well as the user's sources. */
  PARALLAX_POLL_REGISTRY: bool.default(true),
  /** Most article pages fetched in one poll cycle, over all feeds. */
  PARALLAX_POLL_MAX_ARTICLES: z.coerce.number().int().positive().default(200),
  /** Most feeds fetched at once by the poller. */
  PARALLAX_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Max bytes of one input file accepted by ingest. */
  PARALLAX_MAX_INPUT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  /** Optional OpenAI-compatible language model. */
  PARALLAX_LLM_URL: z.string().url().optional(),
  PARALLAX_LLM_MODEL: z.string().optional(),
  PARALLAX_LLM_API_KEY: z.string().optional(),
  PARALLAX_LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  /** Translation providers, comma-separated, the first that can serving a language pair: apertium, libretranslate:URL, llm. */
  PARALLAX_TRANSLATE: z
    .string()
    .regex(
      /^\s*(?:(?:apertium|llm|libretranslate:https?:\/\/[^\s,]+)\s*(?:,\s*|$))*$/,
      'a comma-separated list of apertium, libretranslate:URL, llm',
    )
    .optional(),
  PARALLAX_TRANSLATE_TIMEOUT_MS: z.coerce.number().int().positive().default(60000),
  /** API key sent to a LibreTranslate server, when it asks for one. */
  PARALLAX_TRANSLATE_API_KEY: z.string().optional(),
  PARALLAX_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
  /** Lease of a job claimed by a worker, ms; renewed while it runs, so a killed worker's jobs return within it. */
  PARALLAX_JOB_LEASE_MS: z.coerce.number().int().min(1000).default(30000),
  /** Seconds between two self-repair passes of a worker (0 = only on start). */
  PARALLAX_REPAIR_INTERVAL_S: z.coerce.number().int().min(0).default(300),
  /** PostgreSQL connections per process (default: 10, or more for a worker's --concurrency). */
  PARALLAX_DB_POOL_MAX: z.coerce.number().int().min(2).max(1000).optional(),
  /** Time budget of one extraction of outside input (HTML or plain text) in its worker thread, ms: over it, extract/timeout. */
  PARALLAX_EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(1).default(15000),
  /** Max bytes of one HTTP request body, counted while it streams in. */
  PARALLAX_MAX_BODY_BYTES: z.coerce.number().int().positive().default(2_500_000),
});

/** Settings whose values are secrets: masked wherever the configuration is shown. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['PARALLAX_TOKEN', 'PARALLAX_LLM_API_KEY', 'PARALLAX_TRANSLATE_API_KEY']);

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const r = ConfigSchema.safeParse(picked);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${msg}`);
  }
  return r.data;
}
