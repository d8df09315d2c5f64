/** The shapes of a story's entities and their mentions (entities.ts and the modules it is made of). */

export type EntityType = 'person' | 'organization' | 'place' | 'thing' | 'other';

export interface EntityMention {
  article: string;
  /** sentence index within the article */
  sentence: number;
  /** the name as written, without titles ("Mónica Ibáñez") */
  surface: string;
  /** the full surface with titles and prefixes ("Chilean President Mónica Ibáñez") */
  full: string;
  /** offsets of `full` in the sentence */
  start: number;
  end: number;
  hint: EntityType | null;
  /** lower-case role words or titles seen right before the name ("dictator", "President") */
  labels: string[];
  designation: boolean;
  /** the type hint is only a default (a capitalized two-word name), not from a cue */
  weak?: boolean;
  /** in a script without capitals (Arabic, Chinese): the Latin name words of the story it was read as */
  as?: string[];
}

export interface StoryEntity {
  id: number;
  name: string;
  type: EntityType;
  /** other surface forms of the name, without titles */
  aliases: string[];
  articles: string[];
  /** titles and role words seen before the name, per article */
  labels: Array<{ article: string; label: string }>;
  mentions: EntityMention[];
}

export interface EntityInputDoc {
  id: string;
  sentences: string[];
}

/**
 * What an article's language says about its capitals: its function words, months and weekdays (folded), never
 * names when capitalized ("Die", "Oktober"), and whether it capitalizes every noun (German), when two capitalized
 * words are no sign of a person's name.
 */
export interface NameOrthography {
  notNames: ReadonlySet<string>;
  nounCaps: boolean;
}

/** A Latin name word the story writes, and the type its mentions most often had. */
export interface KnownName {
  word: string;
  hint: EntityType | null;
}
