/**
 * Named entities of a story: people, organizations, places and named things
 * (aircraft, weapons, ships, laws), found from capitalization, titles, cue
 * words, a world gazetteer and designation patterns (MiG-29SMT, F-16), then
 * merged across articles over spellings, accents, transliterations, titles
 * and partial mentions ("President Mónica Ibáñez" = "Monica Ibanez" = "Ibáñez").
 */
import { translitKey } from './text.ts';
import type { EntityInputDoc, EntityMention, KnownName, StoryEntity } from './entity-types.ts';
import { nameTokens } from './entity-words.ts';
import { lowerCaseWords, sentenceMentions } from './entity-mentions.ts';
import { knownNameWords, uncasedMentions } from './entity-scripts.ts';
import { mergeMentions } from './entity-merge.ts';

export type { EntityType, EntityMention, StoryEntity, EntityInputDoc, NameOrthography, KnownName } from './entity-types.ts';
export { designationOf, designationKey } from './entity-words.ts';
export { sentenceMentions, lowerCaseWords } from './entity-mentions.ts';
export { knownNameWords, uncasedMentions } from './entity-scripts.ts';
export { mergeMentions } from './entity-merge.ts';

/** Extract and merge the entities of a story's articles. */
export function extractEntities(docs: EntityInputDoc[]): StoryEntity[] {
  const lowerSeen = lowerCaseWords(docs.flatMap((d) => d.sentences));
  const mentions: EntityMention[] = [];
  for (const d of docs) d.sentences.forEach((s, i) => mentions.push(...sentenceMentions(d.id, i, s, lowerSeen)));
  const known = knownNameWords(mentions);
  const memo = new Map<string, KnownName | null>();
  if (known.length) for (const d of docs) d.sentences.forEach((s, i) => mentions.push(...uncasedMentions(d.id, i, s, known, memo)));
  return mergeMentions(mentions);
}

/** Entities worth listing in a report: typed ones, and untyped names seen more than once. */
export function reportableEntities(entities: StoryEntity[]): StoryEntity[] {
  return entities.filter((e) => {
    if (e.type === 'other')
      return e.mentions.length >= 2 && e.articles.length >= 2 && e.name.length > 2 && !e.mentions.every((m) => m.start === 0);
    return e.name.length >= 2;
  });
}

/** The transliteration key of a whole name (for callers comparing names). */
export function nameKey(name: string): string {
  return nameTokens(name).map(translitKey).join(' ');
}
