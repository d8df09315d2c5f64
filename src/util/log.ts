/**
 * Structured logs, one JSON object per line on stderr, with fixed keys:
 * `level`, `msg`, and where they apply `stage`, `articleId`, `storyId`, `ms`, `ref`, `code`.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface LogFields {
  stage?: string;
  articleId?: string;
  storyId?: string;
  ms?: number;
  ref?: string;
  code?: string;
  [key: string]: unknown;
}

export interface Logger {
  debug(msg: string, f?: LogFields): void;
  info(msg: string, f?: LogFields): void;
  warn(msg: string, f?: LogFields): void;
  error(msg: string, f?: LogFields): void;
}

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(level: Level, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const min = ORDER[level];
  const emit = (lv: Level, msg: string, f?: LogFields) => {
    if (ORDER[lv] < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lv, msg, ...f }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = createLogger('silent');
