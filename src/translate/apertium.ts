/**
 * `apertium`: offline rule-based translation through the `apertium` command, for the pairs installed (Debian's
 * apertium-eng-spa, apertium-eng-cat, apertium-en-gl, …; `apertium -l` lists them). Names and codes are swapped for
 * placeholders the engine copies (see protect.ts) and put back; unknown-word marks are removed (`-u`, and any
 * `#`/`@` mark left). Title and text go through one call, as two paragraphs.
 */
import codesData from './data/apertium-codes.json' with { type: 'json' };
import { fail, ok, type Result } from '../model.ts';
import { fileInputRunner, type CommandRunner } from './command.ts';
import { protect, restore } from './protect.ts';
import type { TranslateProvider, TranslateRequest, TranslatedText } from './types.ts';

export interface ApertiumOptions {
  timeoutMs: number;
  /** Runs `apertium` with arguments and input (injected in tests; the real command by default). */
  run?: CommandRunner;
}

const CODES: Record<string, string[] | undefined> = codesData.codes;

/** The installed mode that translates `source` into `target` ("spa-eng"), or null. */
export function modeFor(modes: ReadonlySet<string>, source: string, target: string): string | null {
  for (const s of CODES[source] ?? []) for (const t of CODES[target] ?? []) if (modes.has(`${s}-${t}`)) return `${s}-${t}`;
  return null;
}

/** Removes the marks Apertium puts before words it could not analyse (*), generate (#) or transfer (@). */
export function removeMarks(text: string): string {
  return text.replace(/(^|[\s\p{P}])[*#@](?=[\p{L}\p{N}])/gu, '$1');
}

const BLANK_LINE = /\n[ \t]*\n/;

async function translateOnce(run: CommandRunner, mode: string, req: TranslateRequest, timeoutMs: number): Promise<Result<TranslatedText>> {
  const title = req.title?.replace(/\s+/g, ' ').trim() || null;
  const joined = title ? `${title}\n\n${req.text}` : req.text;
  const p = protect(joined);
  if (!p) return fail('translate/unprotectable', 'the text holds every placeholder stem');
  const r = await run(['-u', mode], p.text, timeoutMs);
  if (!r.ok) return r;
  const back = restore(removeMarks(r.value), p);
  if (back === null) return fail('translate/garbage', 'apertium lost a protected name');
  const out = back.replace(/\s+$/, '');
  if (!title) return ok({ title: null, text: out });
  const cut = BLANK_LINE.exec(out);
  if (!cut) return fail('translate/garbage', 'apertium merged the title and the text');
  return ok({ title: out.slice(0, cut.index).trim(), text: out.slice(cut.index + cut[0].length) });
}

export function apertiumProvider(o: ApertiumOptions): TranslateProvider {
  const run = o.run ?? fileInputRunner('apertium');
  let modes: Promise<ReadonlySet<string>> | null = null;
  const listModes = (): Promise<ReadonlySet<string>> =>
    (modes ??= run(['-l'], '', o.timeoutMs).then((r) => new Set(r.ok ? r.value.split(/\s+/).filter(Boolean) : [])));
  return {
    name: 'apertium',
    ruleBased: true,
    async supports(source, target) {
      return modeFor(await listModes(), source, target) !== null;
    },
    async translate(req) {
      const mode = modeFor(await listModes(), req.source, req.target);
      if (!mode) return fail('translate/no-pair', `no apertium pair ${req.source}-${req.target}`);
      return translateOnce(run, mode, req, o.timeoutMs);
    },
  };
}
