/**
 * One fold for comparing words across the languages Parallax reads: lowercase, combining marks stripped
 * ("März" = "marz", "أكتوبر" = "اكتوبر", "ё" = "е"), Arabic-script letter variants unified (Persian ی/ک = Arabic
 * ي/ك, ى = ي, ة = ه), tatweel removed.
 */
export function foldWord(s: string): string {
  const t = s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  if (!/[\u0600-\u06ff]/.test(t)) return t;
  return t
    .replace(/[\u06cc\u0649]/g, '\u064a')
    .replace(/\u06a9/g, '\u0643')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0640/g, '');
}

/** The value of a decimal digit in any script (ASCII, Arabic-Indic, Persian, full-width), else -1. */
export function digitValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0x660 && c <= 0x669) return c - 0x660;
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

/** A text with every decimal digit written as ASCII, same length (offsets keep). */
export function asciiDigits(s: string): string {
  if (!/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/.test(s)) return s;
  return s.replace(/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g, (ch) => String(digitValue(ch)));
}
