import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBytes, guessSingleByte, charsetFromContentType, charsetFromDocument, normalizeCharset } from '../src/fetch/charset.ts';
import { encodeWindows1251, encodeKoi8r, encodeIso88599 } from './fixtures/fetch/server.ts';

const ru = 'Спасатели эвакуировали жителей прибрежных районов после сильного ливня';
const tr = 'Şehirde yağış sürüyor; ırmak kıyısındaki evler boşaltıldı';
const html = (head: string, body: Buffer) =>
  Buffer.concat([Buffer.from(`<html><head>${head}</head><body><p>`), body, Buffer.from('</p></body></html>')]);

describe('charset helpers', () => {
  it('reads the charset parameter of a Content-Type', () => {
    assert.equal(charsetFromContentType('text/html; charset=windows-1251'), 'windows-1251');
    assert.equal(charsetFromContentType('text/html;charset="KOI8-R"'), 'KOI8-R');
    assert.equal(charsetFromContentType('application/rss+xml'), null);
    assert.equal(charsetFromContentType(null), null);
  });
  it('reads the XML declaration, <meta charset> and <meta http-equiv>', () => {
    assert.equal(charsetFromDocument(Buffer.from('<?xml version="1.0" encoding="ISO-8859-9"?><rss/>')), 'ISO-8859-9');
    assert.equal(charsetFromDocument(Buffer.from('<html><head><meta charset="gb18030"></head>')), 'gb18030');
    assert.equal(
      charsetFromDocument(Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"></head>')),
      'euc-kr',
    );
    assert.equal(charsetFromDocument(Buffer.from('<html><head><title>x</title></head>')), null);
  });
  it('normalizes labels to WHATWG names and rejects unknown ones', () => {
    assert.equal(normalizeCharset('latin1'), 'windows-1252');
    assert.equal(normalizeCharset('cp1251'), 'windows-1251');
    assert.equal(normalizeCharset('Shift_JIS'), 'shift_jis');
    assert.equal(normalizeCharset('klingon-8'), null);
  });
});

describe('guessSingleByte', () => {
  it('tells windows-1251 from KOI8-R Russian, and Western text from both', () => {
    assert.equal(guessSingleByte(encodeWindows1251(ru)), 'windows-1251');
    assert.equal(guessSingleByte(encodeKoi8r(ru)), 'koi8-r');
    assert.equal(guessSingleByte(Buffer.from('Le président a déclaré que la sécurité était prioritaire', 'latin1')), 'windows-1252');
  });
});

describe('decodeBytes', () => {
  it('decodes declared multi-byte legacy charsets', () => {
    // 日本 in Shift_JIS, 中文 in GB18030, 한국 in EUC-KR
    assert.equal(decodeBytes(Buffer.from([0x93, 0xfa, 0x96, 0x7b]), 'text/plain; charset=shift_jis').text, '日本');
    assert.equal(decodeBytes(Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), 'text/plain; charset=gb18030').text, '中文');
    assert.equal(decodeBytes(Buffer.from([0xc7, 0xd1, 0xb1, 0xb9]), 'text/plain; charset=euc-kr').text, '한국');
  });
  it('uses UTF-8 when a multi-byte charset is declared but the bytes are UTF-8', () => {
    const r = decodeBytes(Buffer.from('東京で地震', 'utf8'), 'text/html; charset=shift_jis');
    assert.equal(r.text, '東京で地震');
    assert.equal(r.charset, 'utf-8');
  });
  it('follows the meta charset when nothing is in the header', () => {
    const r = decodeBytes(html('<meta charset="windows-1251">', encodeWindows1251(ru)), 'text/html');
    assert.ok(r.text.includes(ru));
    assert.equal(r.source, 'document');
  });
  it('recovers from a wrong UTF-8 header with the meta charset, then with the guess', () => {
    const meta = decodeBytes(html('<meta charset="iso-8859-9">', encodeIso88599(tr)), 'text/html; charset=utf-8');
    assert.ok(meta.text.includes(tr));
    const guess = decodeBytes(html('', encodeKoi8r(ru)), 'text/html; charset=utf-8');
    assert.ok(guess.text.includes(ru));
    assert.equal(guess.source, 'guess');
  });
  it('keeps mostly-UTF-8 pages with a few stray bytes as UTF-8 (lenient)', () => {
    const body = Buffer.concat([
      Buffer.from('<p>Größere Schäden blieben aus, sagte die Bürgermeisterin.</p><p>', 'utf8'),
      Buffer.from('Fu\xdfnote', 'latin1'),
      Buffer.from('</p>'),
    ]);
    const r = decodeBytes(body, 'text/html; charset=utf-8');
    assert.equal(r.charset, 'utf-8');
    assert.ok(r.text.includes('Größere Schäden blieben aus, sagte die Bürgermeisterin.'));
  });
  it('decodes UTF-16 with a BOM whatever the header says', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Привет', 'utf16le')]);
    assert.equal(decodeBytes(body, 'text/plain; charset=iso-8859-1').text, 'Привет');
  });
  it('keeps pure ASCII as is under any declaration', () => {
    assert.equal(decodeBytes(Buffer.from('plain ascii'), 'text/plain; charset=koi8-r').text, 'plain ascii');
  });
});
