/**
 * language/: detects the language of a text (BCP 47 / ISO 639-1) with
 * franc-min's trigram profiles (shipped in the package, no model weights).
 * The identifier itself is text/identify.ts, which extraction uses too.
 */
export { detectLanguage } from '../text/identify.ts';
