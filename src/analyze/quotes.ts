/**
 * Quotes with speakers: direct quotes in “…”, "…" and «…» (four words or
 * more; shorter ones are scare quotes, left to framing), and reported speech
 * ("…, said X." / "X said that …"). Different wordings or translations of one
 * quote are grouped as variants.
 */
import type { Quote } from '../report.ts';
import type { StoryData, SentRec } from './story.ts';
import type { StoryEntity } from './entities.ts';
import { fold, wordTokens } from './text.ts';
import { term } from './align.ts';
import { localeQuotes, reportedSpeech, type LocaleQuote } from './quotes-locale.ts';
import type { Locale } from '../text/locale.ts';

/** Verbs of speech after or before a speaker ("said X", "X warned"). */
const SPEECH =
  String.raw`(?:said|says|say|added|told|stated|stressed|emphasi[sz]ed|noted|wrote|warned|declared|argued|` +
  String.raw`insisted|explained|claimed|announced|replied|asked)`;

interface RawQuote {
  text: string;
  speaker: string | null;
  article: string;
  group: string;
}

function resolveSpeaker(phrase: string, s: SentRec, data: StoryData, prev: SentRec[]): string | null {
  const p = phrase.trim();
  if (!p) return null;
  if (/^(he|she)$/i.test(p)) {
    // the last person named before, in this article
    for (const r of [s, ...prev]) {
      const persons = r.mentions.map((m) => data.entityOfMention.get(m)).filter((e): e is StoryEntity => !!e && e.type === 'person');
      if (persons.length) return persons[persons.length - 1].name;
    }
    return null;
  }
  // an entity named in the phrase (longest mention)
  let best: StoryEntity | null = null;
  let bestLen = 0;
  for (const m of s.mentions) {
    const e = data.entityOfMention.get(m);
    if (!e || (e.type !== 'person' && e.type !== 'organization')) continue;
    if (p.includes(m.surface) && m.surface.length > bestLen) {
      best = e;
      bestLen = m.surface.length;
    }
  }
  if (best) return best.name;
  if (/^(the|a|an)\s/i.test(p) && p.split(/\s+/).length <= 6) return p.replace(/^the\s/i, 'the ');
  return null;
}

function quoteTerms(t: string): Set<string> {
  const out = new Set<string>();
  for (const w of wordTokens(t)) {
    const x = term(w.w);
    if (x) out.add(x);
  }
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return (2 * n) / (a.size + b.size || 1);
}

/**
 * The speaker a phrase at [start, end) of a paragraph names: the person (else organization) mentioned in it nearest
 * the reporting verb; else, unless `named` is asked, the phrase itself when short ("le ministère").
 */
function speakerIn(sp: NonNullable<LocaleQuote['speaker']>, ps: SentRec[], data: StoryData, named: boolean): string | null {
  let best: { e: StoryEntity; rank: number } | null = null;
  let off = 0;
  for (const s of ps) {
    for (const m of s.mentions) {
      const a = off + m.start;
      const b = off + m.end;
      const e = data.entityOfMention.get(m);
      if (b <= sp.start || a >= sp.end || !e || (e.type !== 'person' && e.type !== 'organization')) continue;
      const rank = (e.type === 'person' ? 0 : 10_000) + Math.abs((a < sp.verb ? b : a) - sp.verb);
      if (!best || rank < best.rank) best = { e, rank };
    }
    off += s.text.length + 1;
  }
  if (best) return best.e.name;
  if (named) return null;
  const text = ps.map((s) => s.text).join(' ');
  // the words after the last comma ("会谈后，普京" → "普京")
  const phrase = (
    text
      .slice(sp.start, sp.end)
      .split(/[,，、]/)
      .pop() ?? ''
  ).replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '');
  return phrase && phrase.split(/\s+/).length <= 4 && [...phrase].length <= 40 ? phrase : null;
}

/** Quotes of an article in a language other than English, through its locale: direct quotes, then reported speech. */
function localeArticleQuotes(articleId: string, sents: SentRec[], locale: Locale, data: StoryData): RawQuote[] {
  const out: RawQuote[] = [];
  const paras = new Map<number, SentRec[]>();
  for (const s of sents)
    if (s.content || /[«»„“”"「」『』]/.test(s.text)) (paras.get(s.paragraph) ?? paras.set(s.paragraph, []).get(s.paragraph)!).push(s);
  for (const ps of paras.values()) {
    const text = ps.map((s) => s.text).join(' ');
    for (const q of localeQuotes(text, locale))
      out.push({ text: q.text, speaker: q.speaker ? speakerIn(q.speaker, ps, data, false) : null, article: articleId, group: articleId });
    for (const s of ps) {
      const r = s.content ? reportedSpeech(s.text, locale) : null;
      const speaker = r?.speaker ? speakerIn(r.speaker, [s], data, true) : null;
      if (r && speaker) out.push({ text: r.text, speaker, article: articleId, group: articleId });
    }
  }
  return out;
}

/** The phrase naming who speaks around a direct quote: after it ("…,” said X"), before it ("X said: “…”"), earlier in the sentence. */
function speakerPhrase(before: string, after: string): string {
  let phrase = '';
  const am = new RegExp(String.raw`^[\s,.]*(?:${SPEECH})\s+([^,.;:]{2,80})|^[\s,.]*([^,.;:“”"]{2,60}?)\s+${SPEECH}\b`, 'i').exec(after);
  if (am) phrase = (am[1] ?? am[2] ?? '').trim();
  if (!phrase) {
    const bm = new RegExp(String.raw`([^,.;:“”"]{2,80}?)\s+${SPEECH}(?:\s+that)?[\s,:]*$`, 'i').exec(before);
    if (bm) phrase = bm[1].trim();
  }
  if (!phrase) {
    // "X emphasized that the jets “…”": the speaker earlier in the sentence
    const within = before.slice(Math.max(0, before.lastIndexOf('. ') + 1));
    const all = [...within.matchAll(new RegExp(String.raw`([^,.;:“”"]{2,80}?)\s+${SPEECH}\b`, 'gi'))];
    if (all.length) phrase = all[all.length - 1][1].trim();
  }
  if (!phrase) {
    const cm = /according to\s+([^,.;:]{2,60})[,\s]*$/i.exec(before);
    if (cm) phrase = cm[1];
  }
  return phrase;
}

/** Direct quotes in “…”, «…» and "…" (four words or more) of one paragraph (`ps`) of an article (`sents`), with their speakers. */
function directQuotes(articleId: string, ps: SentRec[], sents: SentRec[], data: StoryData): RawQuote[] {
  const out: RawQuote[] = [];
  const text = ps.map((s) => s.text).join(' ');
  for (const m of text.matchAll(/“([^”]{2,600})”|«([^»]{2,600})»|"([^"]{2,600})"/g)) {
    const q = (m[1] ?? m[2] ?? m[3]).trim().replace(/[,\s]+$/, '');
    if (wordTokens(q).length < 4) continue;
    const qStart = m.index;
    const qEnd = m.index + m[0].length;
    // the sentence holding the end of the quote
    let acc = 0;
    let s = ps[0];
    for (const x of ps) {
      if (acc <= qEnd) s = x;
      acc += x.text.length + 1;
    }
    const phrase = speakerPhrase(text.slice(Math.max(0, qStart - 160), qStart), text.slice(qEnd, qEnd + 120));
    // "X said, adding ..." — fall back to a name mentioned in the speech phrase region
    const idx = sents.indexOf(s);
    const speaker = resolveSpeaker(
      phrase.replace(/^(?:former|the)\s+/i, (x) => x),
      s,
      data,
      sents.slice(0, Math.max(0, idx)).reverse(),
    );
    out.push({ text: q, speaker, article: articleId, group: articleId });
  }
  return out;
}

/** Reported speech in each sentence of a paragraph not holding a direct quote: "…, said X." and "X said that …". */
function reportedQuotes(articleId: string, ps: SentRec[], sents: SentRec[], data: StoryData): RawQuote[] {
  const out: RawQuote[] = [];
  for (const s of ps) {
    if (/[“”«»"]/.test(s.text)) continue;
    let m = new RegExp(String.raw`^(.{25,}?)[,–—]\s*${SPEECH}\s+(.{3,120}?)\.$`, 'i').exec(s.text);
    if (m) {
      const idx = sents.indexOf(s);
      const speaker = resolveSpeaker(m[2], s, data, sents.slice(0, idx).reverse());
      if (speaker) out.push({ text: m[1].trim(), speaker, article: articleId, group: articleId });
      continue;
    }
    m = new RegExp(String.raw`^(.{3,80}?)\s+${SPEECH}\s+that\s+(.{20,})$`, 'i').exec(s.text);
    if (m) {
      const idx = sents.indexOf(s);
      const speaker = resolveSpeaker(m[1], s, data, sents.slice(0, idx).reverse());
      if (speaker && !/^(the )?(documents?|reports?|records?)$/i.test(speaker))
        out.push({ text: m[2].replace(/\.$/, '').trim(), speaker, article: articleId, group: articleId });
    }
  }
  return out;
}

/** The quotes of an article in English (or of unknown language), paragraph by paragraph: quotes may span sentences. */
function englishArticleQuotes(articleId: string, sents: SentRec[], data: StoryData): RawQuote[] {
  const out: RawQuote[] = [];
  const paras = new Map<number, SentRec[]>();
  for (const s of sents)
    if (s.content || /[“"«]/.test(s.text)) (paras.get(s.paragraph) ?? paras.set(s.paragraph, []).get(s.paragraph)!).push(s);
  for (const [, ps] of paras) out.push(...directQuotes(articleId, ps, sents, data), ...reportedQuotes(articleId, ps, sents, data));
  return out;
}

/** Quotes of the same speaker with overlapping words (or of anyone with much overlap) grouped as one with its variants. */
function groupVariants(raws: RawQuote[]): Quote[] {
  const terms = raws.map((r) => quoteTerms(r.text));
  const used = new Set<number>();
  const out: Quote[] = [];
  for (let i = 0; i < raws.length; i++) {
    if (used.has(i)) continue;
    used.add(i);
    const members = [i];
    for (let j = i + 1; j < raws.length; j++) {
      if (used.has(j)) continue;
      const sameSpeaker = !raws[i].speaker || !raws[j].speaker || fold(raws[i].speaker!) === fold(raws[j].speaker!);
      const ov = overlap(terms[i], terms[j]);
      if ((sameSpeaker && ov >= 0.4) || ov >= 0.6) {
        members.push(j);
        used.add(j);
      }
    }
    const texts = [...new Set(members.map((k) => raws[k].text))];
    const speaker = members.map((k) => raws[k].speaker).find((x) => x) ?? null;
    out.push({
      speaker,
      text: texts[0],
      articles: [...new Set(members.map((k) => raws[k].article))],
      ...(texts.length > 1 ? { variants: texts.slice(1) } : {}),
    });
  }
  return out;
}

export function findQuotes(data: StoryData): Quote[] {
  const raws: RawQuote[] = [];
  for (const a of data.articles) {
    const sents = data.byArticle.get(a.id) ?? [];
    const locale = data.localeOf?.get(a.id);
    if (locale && locale.lang !== 'en') raws.push(...localeArticleQuotes(a.id, sents, locale, data));
    else raws.push(...englishArticleQuotes(a.id, sents, data));
  }
  for (const r of raws) r.group = data.groupOf.get(r.article) ?? r.article;
  return groupVariants(raws);
}
