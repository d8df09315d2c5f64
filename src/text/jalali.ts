/**
 * The Solar Hijri (Jalali) calendar of Iran and Afghanistan, for dates written in Persian: years begin at
 * Nowruz; leap years follow the 33-year rule (years ≡ 1, 5, 9, 13, 17, 22, 26, 30 mod 33), exact for
 * 1343–1472 AP (1964–2093). Day numbers count days since 1970-01-01 (UTC).
 */

/** 1 Farvardin 1404 was 21 March 2025. */
const EPOCH_YEAR = 1404;
const EPOCH_DAY = Math.floor(Date.UTC(2025, 2, 21) / 86_400_000);

export function isJalaliLeap(jy: number): boolean {
  return [1, 5, 9, 13, 17, 22, 26, 30].includes(((jy % 33) + 33) % 33);
}

/** The day number of 1 Farvardin of year `jy` (1300–1499), else null. */
export function nowruzDay(jy: number): number | null {
  if (!Number.isInteger(jy) || jy < 1300 || jy > 1499) return null;
  let d = EPOCH_DAY;
  for (let y = EPOCH_YEAR; y < jy; y++) d += isJalaliLeap(y) ? 366 : 365;
  for (let y = EPOCH_YEAR; y > jy; y--) d -= isJalaliLeap(y - 1) ? 366 : 365;
  return d;
}

/** Days in a Jalali month (1–12). */
export function jalaliMonthLength(jy: number, jm: number): number {
  if (jm <= 6) return 31;
  if (jm <= 11) return 30;
  return isJalaliLeap(jy) ? 30 : 29;
}

/** The day number of a Jalali date, or null when it does not exist. */
export function jalaliToDay(jy: number, jm: number, jd: number): number | null {
  const n = nowruzDay(jy);
  if (n === null || jm < 1 || jm > 12 || jd < 1 || jd > jalaliMonthLength(jy, jm)) return null;
  return n + (jm <= 6 ? (jm - 1) * 31 : 186 + (jm - 7) * 30) + jd - 1;
}

/** The Jalali date of a day number (within 1300–1499 AP), or null. */
export function dayToJalali(day: number): { jy: number; jm: number; jd: number } | null {
  const gy = new Date(day * 86_400_000).getUTCFullYear();
  let jy = gy - 621;
  const start = nowruzDay(jy);
  if (start === null) return null;
  if (day < start) jy -= 1;
  const n = nowruzDay(jy);
  if (n === null) return null;
  const off = day - n;
  if (off < 186) return { jy, jm: Math.floor(off / 31) + 1, jd: (off % 31) + 1 };
  return { jy, jm: Math.floor((off - 186) / 30) + 7, jd: ((off - 186) % 30) + 1 };
}
