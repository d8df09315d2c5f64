/**
 * text/: the words of every language Parallax reads, in one place — locale data files (data/locale/<lang>.json)
 * and the tokenizer, fold and phrase templates built on them. Stages ask a Locales store for a language.
 */
export { createLocales, loadLocale, localeLanguages, type Locale, type Locales, type LocaleData } from './locale.ts';
export { foldWord, asciiDigits, digitValue } from './fold.ts';
export { tokenize, chineseNumeral, type Token } from './tokens.ts';
export { wordsAt, matchTemplate, type PhraseMatch, type SlotReaders } from './phrases.ts';
export { jalaliToDay, dayToJalali, nowruzDay } from './jalali.ts';
export { findLocaleDates } from './dates.ts';
export { dayNumber, fromDay, inferYearFor, type DateCtx, type DateMention, type DateRange, type Precision } from './days.ts';
