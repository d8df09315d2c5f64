/**
 * The words entities are read with: connectors inside names, titles, organization, institution and cue words
 * (data/entity-words.json, data/titles.json, data/institutions.json), designations (MiG-29SMT, F-16) and a name's tokens.
 */

import { fold } from './text.ts';
import titleData from './data/titles.json' with { type: 'json' };
import institutionData from './data/institutions.json' with { type: 'json' };
import wordData from './data/entity-words.json' with { type: 'json' };

export const CONNECTORS = new Set(wordData.connectors);
/** Titles and offices of every language (data/titles.json), folded as names' words are. */
export const TITLES = new Set<string>();
for (const [lang, list] of Object.entries(titleData))
  if (Array.isArray(list)) for (const t of list) if (lang !== 'about') TITLES.add(fold(t));
export const ORG_WORDS = new Set(wordData.organizationWords);
/** Institutions and the places that stand for them (data/institutions.json): never a person's name. */
export const INSTITUTION_HEADS = new Set(institutionData.heads.map(fold));
export const INSTITUTIONS = new Set(institutionData.organizations.map(fold));
export const INSTITUTION_PLACES = new Set(institutionData.places.map(fold));
export const SHIP_PREFIXES = new Set(wordData.shipPrefixes);
export const THING_CUES = new Set(wordData.thingCues);
export const ORG_CUES = new Set(wordData.organizationCues);
export const PLACE_CUES = new Set(wordData.placeCues);
export const CALENDAR = new Set(wordData.calendar);
/** Capitalized words that start sentences or headings and are not names. */
export const COMMON_CAPS = new Set(wordData.commonCapitals);

const DESIGNATION = /^(?:[A-Z][A-Za-z]{0,5}-?\d{1,4}[A-Za-z0-9]*|[A-Z][a-z]{1,8}-[A-Z]{1,3}|[A-Z]{1,4}-\d{1,4}[A-Za-z0-9]*)$/;

/** A weapons/aircraft-style designation ("MiG-29SMT", "An-124", "F-16", "Stinger-M"); null if the token is not one. */
export function designationOf(token: string): string | null {
  // a designation has a hyphen or a digit
  if (!/[-\d]/.test(token)) return null;
  let t = token.replace(/['’]s$/, '');
  if (/^\d+$/.test(t) || /^(?:19|20)\d\d$/.test(t)) return null;
  if (!/-/.test(t) && !/^[A-Z]{1,4}\d/.test(t)) return null; // require a hyphen or a letters+digits code
  if (/[0-9A-Z]s$/.test(t) && t.length > 3) t = t.slice(0, -1); // plural "MiG-29s"
  if (!DESIGNATION.test(t)) return null;
  if (/^[A-Z][a-z]+-[A-Z][a-z]/.test(t)) return null; // "Polish-German"
  return t;
}

/** The comparison key of a designation: upper case, no hyphens or spaces. */
export function designationKey(d: string): string {
  return d.toUpperCase().replace(/[-\s]/g, '');
}

export function nameTokens(surface: string): string[] {
  return surface
    .split(/\s+/)
    .map((w) => w.replace(/[.,]$/, ''))
    .filter((w) => w && !CONNECTORS.has(w) && !SHIP_PREFIXES.has(fold(w)));
}

export function diacritics(s: string): number {
  return s.normalize('NFD').length - s.length;
}

export function initials(surface: string): string {
  return nameTokens(surface)
    .filter((w) => fold(w) !== 'the')
    .map((w) => w[0].toUpperCase())
    .join('');
}
