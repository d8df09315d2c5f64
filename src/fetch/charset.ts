/**
 * Turns response bytes into text with the right character encoding.
 *
 * The rule, in order:
 * 1. A byte-order mark (UTF-8, UTF-16LE/BE) wins over everything.
 * 2. The declared charset: the Content-Type header's `charset`, else the
 *    document's own declaration (HTML `<meta charset>` / `<meta http-equiv>`,
 *    or the XML declaration's `encoding`). Unknown labels are ignored.
 * 3. Verification, because declarations are often wrong:
 *    - If the bytes are valid UTF-8 and contain at least one multi-byte
 *      sequence, they are UTF-8, whatever a single-byte declaration says
 *      (real single-byte text almost never forms valid UTF-8 sequences).
 *    - If UTF-8 is declared (or nothing is) and the bytes are NOT valid UTF-8:
 *      when they are mostly UTF-8 (well-formed multi-byte sequences at least
 *      four times as many as stray bytes) decode UTF-8 leniently; else
 *      use the in-document declaration when it names another charset; else
 *      guess a single-byte encoding (see guessSingleByte: Cyrillic
 *      windows-1251 / KOI8-R when most non-ASCII bytes are letters forming
 *      words, otherwise windows-1252).
 *    - A declared multi-byte charset (Shift_JIS, GB18030, EUC-KR, Big5…) is
 *      decoded strictly; when the bytes are invalid in it, UTF-8 is tried, and
 *      failing that the declared charset is used leniently.
 * 4. With no declaration at all, valid UTF-8 is UTF-8, else the guess of step 3.
 */

export type CharsetSource = 'bom' | 'header' | 'document' | 'utf8-check' | 'guess' | 'default';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name actually used, e.g. 'utf-8', 'windows-1251'. */
  charset: string;
  source: CharsetSource;
}

/** Normalizes a charset label to its WHATWG encoding name, or null when unknown. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!l) return null;
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** The `charset` parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return m ? m[2] : null;
}

/** The charset a document declares in its first 4 KB (XML declaration, then HTML meta). */
export function charsetFromDocument(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1];
  const metaCharset = /<meta\s[^>]*?\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (metaCharset) return metaCharset[1];
  return null;
}

function bom(bytes: Uint8Array): { charset: string; skip: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

function strict(bytes: Uint8Array, charset: string): string | null {
  try {
    return new TextDecoder(charset, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function lenient(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset, { ignoreBOM: true }).decode(bytes);
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

const SINGLE_BYTE = new Set([
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'windows-1258',
  'koi8-r',
  'koi8-u',
  'ibm866',
  'x-mac-cyrillic',
  'macintosh',
  'windows-874',
  'iso-8859-2',
  'iso-8859-3',
  'iso-8859-4',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-8-i',
  'iso-8859-10',
  'iso-8859-13',
  'iso-8859-14',
  'iso-8859-15',
  'iso-8859-16',
]);

/**
 * Guesses a single-byte encoding for bytes that are not UTF-8.
 * Cyrillic text in windows-1251 or KOI8-R is nearly all high bytes (letters),
 * while Western text in windows-1252 has a few accented letters among ASCII
 * ones. So: when high bytes are over 30 % of all letters, it is Cyrillic; then
 * Russian/Ukrainian/Bulgarian prose being mostly lower-case, windows-1251 puts
 * most letters in 0xE0–0xFF and KOI8-R in 0xC0–0xDF. Otherwise windows-1252.
 */
export function guessSingleByte(bytes: Uint8Array): string {
  let ascii = 0;
  let high = 0;
  let c0df = 0;
  let e0ff = 0;
  const n = Math.min(bytes.length, 256 * 1024);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) ascii++;
    else if (b >= 0xc0) {
      high++;
      if (b >= 0xe0) e0ff++;
      else c0df++;
    } else if (b >= 0x80) high++;
  }
  if (high > 0 && high / (high + ascii) > 0.3 && c0df + e0ff > 0.6 * high) {
    return e0ff >= c0df ? 'windows-1251' : 'koi8-r';
  }
  return 'windows-1252';
}

/** Counts well-formed UTF-8 multi-byte sequences and bytes that cannot be UTF-8. */
export function utf8Stats(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = Math.min(bytes.length, 1024 * 1024);
  for (let i = 0; i < n;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Decodes bytes following the rule in this module's header. */
export function decodeBytes(bytes: Uint8Array, contentType: string | null): DecodedText {
  const b = bom(bytes);
  if (b) return { text: lenient(bytes.subarray(b.skip), b.charset), charset: b.charset, source: 'bom' };

  const headerCs = normalizeCharset(charsetFromContentType(contentType));
  const docCs = normalizeCharset(charsetFromDocument(bytes));
  // A UTF-16 label in the document can't be true of ASCII-compatible bytes we just read.
  const doc = docCs && !docCs.startsWith('utf-16') ? docCs : null;
  const declared = headerCs ?? doc;
  const source: CharsetSource = headerCs ? 'header' : doc ? 'document' : 'default';

  if (!hasNonAscii(bytes)) {
    // Pure ASCII reads the same in every ASCII-compatible charset.
    const cs = declared && !declared.startsWith('utf-16') ? declared : 'utf-8';
    return { text: lenient(bytes, cs), charset: cs, source };
  }

  const utf8 = strict(bytes, 'utf-8');
  if (declared === null || declared === 'utf-8') {
    if (utf8 !== null) return { text: utf8, charset: 'utf-8', source: declared ? source : 'utf8-check' };
    // Mostly UTF-8 with a few stray bytes (pages pasted together from several sources):
    // lenient UTF-8 keeps every real multi-byte letter, a single-byte guess would garble them all.
    const st = utf8Stats(bytes);
    if (st.valid > 0 && st.invalid <= st.valid / 4) return { text: lenient(bytes, 'utf-8'), charset: 'utf-8', source: 'utf8-check' };
    if (doc && doc !== 'utf-8') {
      const t = strict(bytes, doc);
      if (t !== null) return { text: t, charset: doc, source: 'document' };
    }
    const g = guessSingleByte(bytes);
    return { text: lenient(bytes, g), charset: g, source: 'guess' };
  }

  if (SINGLE_BYTE.has(declared) || declared.startsWith('iso-8859')) {
    if (utf8 !== null) return { text: utf8, charset: 'utf-8', source: 'utf8-check' };
    return { text: lenient(bytes, declared), charset: declared, source };
  }

  if (declared.startsWith('utf-16')) {
    // Declared UTF-16 without a BOM over bytes we could read as ASCII: trust UTF-8 if valid.
    if (utf8 !== null) return { text: utf8, charset: 'utf-8', source: 'utf8-check' };
    return { text: lenient(bytes, declared), charset: declared, source };
  }

  // Multi-byte legacy encodings: strict, then UTF-8, then lenient.
  const t = strict(bytes, declared);
  if (t !== null) return { text: t, charset: declared, source };
  if (utf8 !== null) return { text: utf8, charset: 'utf-8', source: 'utf8-check' };
  return { text: lenient(bytes, declared), charset: declared, source };
}

/** True when the bytes look binary rather than text: a NUL byte, or more than 5% control bytes in the first 8 KiB. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.05;
}
