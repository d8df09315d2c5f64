import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoWeekday, parseDateline, resolveDayMonth, resolveWeekdayDate } from '../src/extract/dateline.ts';

const NOW = new Date('2026-11-22T12:00:00Z');

function date(line: string, now = NOW): string | null {
  return parseDateline(line, now)?.date ?? null;
}

test('weekday + month + day without a year resolves to the nearest matching year before now', () => {
  // 31 October 2026 is a Saturday; the last Friday 31 October before now was in 2025.
  const m = parseDateline('Friday, October 31', NOW);
  assert.deepEqual(m, { date: '2025-10-31', evidence: 'dateline-weekday', wholeLine: true });
  // 11 March 2026 is a Wednesday, and it is before now.
  assert.equal(date('Wednesday, March 11'), '2026-03-11');
  // Day-first order and abbreviations.
  assert.equal(date('Mon, 2 Feb'), '2026-02-02');
  assert.equal(date('Monday 2nd February'), '2026-02-02');
});

test('a weekday date later than now is taken from an earlier year', () => {
  // Tuesday 1 December: 2026-12-01 is a Tuesday but after now, so 2020-12-01 (also a Tuesday).
  assert.equal(resolveWeekdayDate(12, 1, 2, NOW), '2020-12-01');
  assert.equal(isoWeekday(2020, 12, 1), 2);
});

test('year rollover in January', () => {
  const jan = new Date('2026-01-05T09:00:00Z');
  assert.equal(date('Wednesday, December 31', jan), '2025-12-31');
  assert.equal(date('Thursday, January 1', jan), '2026-01-01');
  // Without a weekday: the most recent 30 December on or before now.
  assert.equal(date('30 December', jan), '2025-12-30');
  assert.equal(parseDateline('30 December', jan)?.evidence, 'dateline-day-month');
});

test('leap day', () => {
  assert.equal(date('Thursday, February 29'), '2024-02-29');
  assert.equal(resolveDayMonth(2, 29, new Date('2026-03-10T00:00:00Z')), '2024-02-29');
  assert.equal(date('29.02.2024'), '2024-02-29');
  assert.equal(date('29.02.2025'), null);
  // No Monday 30 February ever exists.
  assert.equal(date('Monday, February 30'), null);
});

test('one day of slack after now for time zones ahead of UTC', () => {
  const now = new Date('2025-10-30T22:00:00Z');
  assert.equal(date('Friday, October 31', now), '2025-10-31');
});

test('full dates in numeric and worded forms', () => {
  assert.deepEqual(parseDateline('2025-10-31', NOW), { date: '2025-10-31', evidence: 'dateline-iso', wholeLine: true });
  assert.equal(parseDateline('31.10.2025', NOW)?.evidence, 'dateline-numeric');
  assert.equal(date('31.10.2025'), '2025-10-31');
  assert.equal(date('31/10/2025'), '2025-10-31');
  // Month-first only when day-first is impossible.
  assert.equal(date('10/31/2025'), '2025-10-31');
  assert.equal(date('October 31, 2025'), '2025-10-31');
  assert.equal(date('31 October 2025'), '2025-10-31');
  assert.equal(parseDateline('October 31, 2025', NOW)?.evidence, 'dateline-full');
  assert.equal(date('Updated 14:32 GMT, 3 March 2026'), '2026-03-03');
  assert.equal(parseDateline('Updated 14:32 GMT, 3 March 2026', NOW)?.wholeLine, true);
});

test('dates in other languages', () => {
  assert.equal(date('viernes, 31 de octubre de 2025'), '2025-10-31');
  assert.equal(date('martes, 3 de marzo'), '2026-03-03');
  assert.equal(date('Freitag, 31. Oktober 2025'), '2025-10-31');
  assert.equal(date('vendredi 31 octobre'), '2025-10-31');
  assert.equal(date('piątek, 31 października'), '2025-10-31');
  assert.equal(date('31 октября 2025'), '2025-10-31');
  assert.equal(date('пятница, 31 октября'), '2025-10-31');
  assert.equal(date('31 Ekim 2025 Cuma'), '2025-10-31');
  assert.equal(date('sexta-feira, 31 de outubro de 2025'), '2025-10-31');
});

test('a date inside a sentence is found but is not a whole-line dateline', () => {
  const m = parseDateline('The ministry said on October 31, 2025 that the talks had failed.', NOW);
  assert.equal(m?.date, '2025-10-31');
  assert.equal(m?.wholeLine, false);
  assert.equal(parseDateline('The council met in May to discuss the budget.', NOW), null);
  assert.equal(parseDateline('No date here at all', NOW), null);
});

test('relative datelines resolve against now', () => {
  const now = new Date('2026-03-10T01:30:00Z');
  assert.deepEqual(parseDateline('3 hours ago', now), { date: '2026-03-09', evidence: 'dateline-relative', wholeLine: true });
  assert.equal(parseDateline('Updated 20 minutes ago', now)?.date, '2026-03-10');
  assert.equal(parseDateline('Published 100 minutes ago', now)?.date, '2026-03-09');
  assert.equal(parseDateline('hace 2 horas', NOW)?.date, '2026-11-22');
  assert.equal(parseDateline('вчера', now)?.date, '2026-03-09');
  assert.equal(parseDateline('Yesterday', now)?.date, '2026-03-09');
});

test('Chinese, Japanese and Korean dates', () => {
  assert.equal(date('2026年1月22日'), '2026-01-22');
  assert.equal(date('2026년 1월 22일'), '2026-01-22');
  assert.equal(date('10月31日'), '2026-10-31');
  assert.equal(date('2025年10月31日（金）'), '2025-10-31');
  assert.equal(parseDateline('2026年1月22日', NOW)?.wholeLine, true);
});
