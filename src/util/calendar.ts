/**
 * Calendar words in the languages Parallax reads: month and weekday names (with abbreviations and genitive
 * forms), folded for lookup. One table for every stage that reads dates from text — datelines and page
 * metadata (extract/) and dates mentioned in a lead (cluster/).
 */

/** Lowercases and strips combining marks, so "Março", "März" and "marzo" compare without accents. */
export function foldToken(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

// Each group lists the 12 months in order; `a|b` gives alternatives (abbreviations, genitive forms,
// transliterations); the first is the month's name.
export const MONTH_GROUPS: readonly string[][] = [
  ['january|jan', 'february|feb', 'march|mar', 'april|apr', 'may', 'june|jun', 'july|jul', 'august|aug', 'september|sep|sept', 'october|oct', 'november|nov', 'december|dec'],
  ['enero|ene', 'febrero', 'marzo', 'abril|abr', 'mayo', 'junio', 'julio', 'agosto|ago', 'septiembre|setiembre|sept', 'octubre', 'noviembre', 'diciembre|dic'],
  ['janeiro', 'fevereiro|fev', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro|set', 'outubro|out', 'novembro', 'dezembro|dez'],
  ['janvier|janv', 'février|févr', 'mars', 'avril|avr', 'mai', 'juin', 'juillet|juil', 'août', 'septembre', 'octobre', 'novembre', 'décembre|déc'],
  ['januar|jänner', 'februar', 'märz|maerz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober|okt', 'november', 'dezember|dez'],
  ['gennaio|gen', 'febbraio', 'marzo', 'aprile', 'maggio|mag', 'giugno|giu', 'luglio|lug', 'agosto', 'settembre', 'ottobre|ott', 'novembre', 'dicembre'],
  ['januari', 'februari', 'maart|mrt', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  ['styczeń|stycznia|sty', 'luty|lutego|lut', 'marzec|marca', 'kwiecień|kwietnia|kwi', 'maj|maja', 'czerwiec|czerwca|cze', 'lipiec|lipca|lip', 'sierpień|sierpnia|sie', 'wrzesień|września|wrz', 'październik|października|paź', 'listopad|listopada|lis', 'grudzień|grudnia|gru'],
  ['январь|января|янв', 'февраль|февраля|фев', 'март|марта', 'апрель|апреля|апр', 'май|мая', 'июнь|июня', 'июль|июля', 'август|августа|авг', 'сентябрь|сентября|сен', 'октябрь|октября|окт', 'ноябрь|ноября|ноя', 'декабрь|декабря|дек'],
  ['січень|січня', 'лютий|лютого', 'березень|березня', 'квітень|квітня', 'травень|травня', 'червень|червня', 'липень|липня', 'серпень|серпня', 'вересень|вересня', 'жовтень|жовтня', 'листопад|листопада', 'грудень|грудня'],
  ['ocak', 'şubat', 'mart', 'nisan', 'mayıs', 'haziran', 'temmuz', 'ağustos', 'eylül', 'ekim', 'kasım', 'aralık'],
  ['januari', 'februari', 'maret', 'april', 'mei', 'juni', 'juli', 'agustus', 'september', 'oktober', 'november', 'desember'],
];

// Each group lists the weekdays Monday..Sunday (ISO order).
export const WEEKDAY_GROUPS: readonly string[][] = [
  ['monday|mon', 'tuesday|tue|tues', 'wednesday|wed', 'thursday|thu|thur|thurs', 'friday|fri', 'saturday|sat', 'sunday|sun'],
  ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  ['segunda-feira|segunda', 'terça-feira|terça', 'quarta-feira|quarta', 'quinta-feira|quinta', 'sexta-feira|sexta', 'sábado', 'domingo'],
  ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  ['montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag|sonnabend', 'sonntag'],
  ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'],
  ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  ['poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela'],
  ['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'],
  ['понеділок', 'вівторок', 'середа', 'четвер', "п'ятниця|пятниця", 'субота', 'неділя'],
  ['pazartesi', 'salı', 'çarşamba', 'perşembe', 'cuma', 'cumartesi', 'pazar'],
  ['senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu', 'minggu'],
];

function table(groups: readonly string[][], keep: (alt: string, first: boolean) => boolean = () => true): Map<string, number> {
  const m = new Map<string, number>();
  for (const g of groups) {
    g.forEach((w, i) => {
      w.split('|').forEach((alt, j) => {
        if (alt && keep(alt, j === 0)) m.set(foldToken(alt), i + 1);
      });
    });
  }
  return m;
}

/** Folded month name, abbreviation or genitive form → month number (1–12). */
export const MONTHS: ReadonlyMap<string, number> = table(MONTH_GROUPS);

/**
 * The same without the short abbreviations that are also everyday words elsewhere ("set", "out", "mag", "gen",
 * "sie"): month names, forms of four letters or more, and the English abbreviations — for running text, where a
 * word before a number is more often not a month.
 */
export const MONTHS_IN_PROSE: ReadonlyMap<string, number> = table(MONTH_GROUPS, (alt, first) => first || [...alt].length >= 4 || MONTH_GROUPS[0].some((g) => g.split('|').includes(alt)));

/** Folded weekday name or abbreviation → ISO weekday (1 = Monday … 7 = Sunday). */
export const WEEKDAYS: ReadonlyMap<string, number> = table(WEEKDAY_GROUPS);

/** Every month name and form as written and folded, longest first, escaped for a RegExp alternation. */
export function monthAlternation(months: ReadonlyMap<string, number> = MONTHS): string {
  const forms = new Set<string>(months.keys());
  for (const g of MONTH_GROUPS) for (const w of g) for (const alt of w.split('|')) if (months.has(foldToken(alt))) forms.add(alt);
  return [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}
