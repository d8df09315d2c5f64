/** The framing lexicon as data: one file per language, derived adverbs, and the context rules of single-sentence mode. */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { flagSentence } from '../src/analyze/framing/index.ts';
import { ATTRIBUTION_WORDS, CONCEPTS, HEDGES, LOADED_VERBS, LOADED_WORDS, SPEECH_NEAR_WORDS } from '../src/analyze/framing/lexicon.ts';
import { englishAdverb, englishPlural, englishQualityNouns, englishVerbForms } from '../src/analyze/framing/morph.ts';
import { termSet } from '../src/analyze/framing/text.ts';

const dataDir = new URL('../src/analyze/framing/data/', import.meta.url);
const terms = (s: string) => flagSentence(s).terms.map((t) => t.term.toLowerCase());

test('every language file names its language and only holds known sections', () => {
  const sections = new Set([
    'language',
    'labels',
    'notLabel',
    'loadedVerbs',
    'loadedVerbLemmas',
    'neutralVerbs',
    'loadedWords',
    'hedges',
    'distancingVerbs',
    'soCalled',
    'personRoles',
    'speechNear',
    'attribution',
  ]);
  const files = readdirSync(dataDir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 5);
  for (const f of files) {
    const d = JSON.parse(readFileSync(new URL(f, dataDir), 'utf8')) as Record<string, unknown>;
    assert.equal(`${String(d.language)}.json`, f);
    for (const k of Object.keys(d)) assert.ok(sections.has(k), `${f}: unknown section ${k}`);
  }
  // the loaded lists are read from every file
  assert.ok(SPEECH_NEAR_WORDS.includes('said') && SPEECH_NEAR_WORDS.includes('dijo') && SPEECH_NEAR_WORDS.includes('заявил'));
  assert.ok(ATTRIBUTION_WORDS.includes('reportedly'));
  assert.ok(CONCEPTS.find((c) => c.id === 'leader')?.terms.some((t) => t.term === 'dictador' && t.load === 2));
  assert.ok(LOADED_VERBS.some((t) => t.term === 'wetterte'));
  assert.ok(HEDGES.includes('якобы'));
});

test('stemmed terms are marked with a trailing * in the data and matched with endings', () => {
  const t = CONCEPTS.find((c) => c.id === 'leader')?.terms.find((x) => x.term === 'диктатор');
  assert.equal(t?.stem, true);
  assert.ok(LOADED_WORDS.every((x) => !x.term.endsWith('*')));
});

test('englishAdverb: the manner adverb of an adjective', () => {
  assert.equal(englishAdverb('brazen'), 'brazenly');
  assert.equal(englishAdverb('hysterical'), 'hysterically');
  assert.equal(englishAdverb('despicable'), 'despicably');
  assert.equal(englishAdverb('crazy'), 'crazily');
  assert.equal(englishAdverb('chaotic'), 'chaotically');
  assert.equal(englishAdverb('witch hunt'), null);
  assert.equal(englishAdverb('utterly'), null);
});

test('a loaded adjective’s adverb is flagged like the adjective', () => {
  assert.ok(terms('The council shamelessly ignored the vote.').includes('shamelessly'));
  assert.ok(terms('The minister responded hysterically to the report.').includes('hysterically'));
});

test('a participle before "to" is a verb, not a loaded adjective', () => {
  assert.deepEqual(terms('The bill failed to pass the Senate on Tuesday.'), []);
  assert.ok(terms('Critics blame the failed policy for the deficit.').includes('failed'));
});

test('reporting verbs in every inflection, "claim" only in its speech sense', () => {
  assert.ok(terms('The senator is slamming the plan.').includes('slamming'));
  assert.ok(terms('The mayor keeps insisting that the budget is balanced.').includes('insisting'));
  assert.deepEqual(terms('The mayor claims that the budget is balanced.'), ['claims']);
  assert.deepEqual(terms('The insurer rejected the claim on Monday.'), []);
  assert.deepEqual(terms('Hundreds of workers filed claims for unemployment.'), []);
});

test('hedges and standard legal wording are not loaded words', () => {
  assert.deepEqual(terms('The alleged attacker was arrested on Friday.'), []);
  assert.deepEqual(terms('The company is supposed to report earnings next week.'), []);
});

test('flagged: a degree word needs another cue, a mildly loaded label needs other articles', () => {
  const alone = flagSentence('The storm caused massive damage along the coast.');
  assert.ok(
    alone.terms.some((t) => t.term === 'massive'),
    'still a hit a neutral voice avoids',
  );
  assert.deepEqual(alone.flagged, []);
  assert.equal(alone.score, 0);
  const withCue = flagSentence('The senator slammed the massive bill.');
  assert.deepEqual(
    withCue.flagged.map((t) => t.term),
    ['slammed', 'massive'],
  );
  const mildLabel = flagSentence('The pro-life group met on Monday.');
  assert.ok(mildLabel.terms.some((t) => t.term === 'pro-life'));
  assert.deepEqual(mildLabel.flagged, []);
  assert.deepEqual(
    flagSentence('The regime arrested three reporters.').flagged.map((t) => t.term),
    ['regime'],
  );
});

test('englishPlural: the plural of a noun, nothing for adjectives and adverbs', () => {
  assert.equal(englishPlural('liar'), 'liars');
  assert.equal(englishPlural('atrocity'), 'atrocities');
  assert.equal(englishPlural('lackey'), 'lackeys');
  assert.equal(englishPlural('witch'), 'witches');
  assert.equal(englishPlural('shameful'), null);
  assert.equal(englishPlural('thugs'), null);
  assert.ok(terms('The report calls them crooks.').includes('crooks'));
});

test('englishVerbForms: a verb lemma in every inflection, a phrase inflecting its first word', () => {
  assert.deepEqual(englishVerbForms('slam'), ['slam', 'slams', 'slammed', 'slamming']);
  assert.deepEqual(englishVerbForms('vilify'), ['vilify', 'vilifies', 'vilified', 'vilifying']);
  assert.deepEqual(englishVerbForms('demonize'), ['demonize', 'demonizes', 'demonized', 'demonizing']);
  assert.deepEqual(englishVerbForms('rail against'), ['rail against', 'rails against', 'railed against', 'railing against']);
  assert.deepEqual(englishVerbForms('flip-flop'), ['flip-flop', 'flip-flops', 'flip-flopped', 'flip-flopping']);
  assert.deepEqual(englishVerbForms('torpedo'), ['torpedo', 'torpedoes', 'torpedoed', 'torpedoing']);
  assert.ok(englishVerbForms('grovel')?.includes('grovelled'));
  assert.equal(englishVerbForms('Slam!'), null);
});

test('verb lemmas are matched in forms the data file does not spell out', () => {
  assert.ok(terms('Critics say the campaign tried to gaslight voters about the budget.').includes('gaslight'));
  assert.ok(terms('The ad vilifies the union leaders.').includes('vilifies'));
});

test('"claim" introducing speech a few words on, or a pronoun subject; not "claim asylum"', () => {
  assert.ok(terms('The host claimed on Tuesday that the senator had lied.').includes('claimed'));
  assert.ok(terms('The mayor claimed he had seen the documents.').includes('claimed'));
  assert.deepEqual(terms('Families claiming asylum waited at the border crossing.'), []);
  assert.deepEqual(terms('The team claimed victory in the final on Sunday.'), []);
});

test('judgement words, pejorative names and derisive coinages are flagged on their own', () => {
  const flagged = (s: string) => flagSentence(s).flagged.map((t) => t.term.toLowerCase());
  assert.deepEqual(flagged('The governor gave a feckless answer to the flooding.'), ['feckless']);
  assert.deepEqual(flagged('The council approved another boondoggle for the stadium.'), ['boondoggle']);
  assert.deepEqual(flagged('The senator called the bill a giveaway to grifters.'), ['grifters']);
  assert.ok(flagged('Trumpworld reacted to the verdict on Friday.').includes('trumpworld'));
});

test('words with a common descriptive sense in news are not loaded words', () => {
  for (const s of [
    'He was charged with sexual assault on Monday.',
    'Extreme weather closed schools across the region.',
    'Amnesty International published the report.',
    'The legislative agenda for the session includes a budget.',
    'The police crackdown on street racing continued.',
    'Left-wing and right-wing parties both lost seats.',
    'The platform removed misinformation about the vaccine.',
  ])
    assert.deepEqual(terms(s), [], s);
});

test('englishQualityNouns: the noun of a quality, as loaded as its adjective', () => {
  assert.deepEqual(englishQualityNouns('callous'), ['callousness']);
  assert.deepEqual(englishQualityNouns('arrogant'), ['arrogantness', 'arrogance']);
  assert.deepEqual(englishQualityNouns('incompetent'), ['incompetentness', 'incompetence']);
  assert.deepEqual(englishQualityNouns('stupid'), ['stupidness', 'stupidity']);
  assert.deepEqual(englishQualityNouns('insane'), ['insaneness', 'insanity']);
  assert.deepEqual(englishQualityNouns('brutal'), ['brutalness']);
  assert.deepEqual(englishQualityNouns('witch hunt'), []);
  assert.ok(terms('Voters were stunned by the callousness of the reply.').includes('callousness'));
  assert.deepEqual(terms('Protesters marched against police brutality on Saturday.'), []);
});

test('termSet: the longest term at a position wins, spaces match any white space, stems take endings', () => {
  const set = termSet([{ term: 'lash' }, { term: 'lash out' }, { term: 'диктатор', stem: true }, { term: 'so-called' }]);
  const found = (s: string) => [...s.matchAll(set.re)].map((m) => m[0]);
  assert.deepEqual(found('They lash  out at lashes and the So-Called plan.'), ['lash  out', 'So-Called']);
  assert.deepEqual(found('Речь диктатора и диктаторы.'), ['диктатора', 'диктаторы']);
  assert.equal(set.find('Lash Out')?.term, 'lash out');
  assert.deepEqual(found('nothing here'), []);
  assert.deepEqual([...'any text'.matchAll(termSet([]).re)], []);
});

test('the loaded-word pattern stays below the size past which V8 compiles a regex unoptimized (~50x slower)', () => {
  assert.ok(termSet(LOADED_WORDS).re.source.length < 20_000);
});

test('judgement words and pejorative names in Spanish, French and German, inflected through their stems', () => {
  const flagged = (s: string) => flagSentence(s).flagged.map((t) => t.term.toLowerCase());
  assert.deepEqual(flagged('El alcalde calificó la gestión de vergonzosa y prometió una auditoría.'), ['vergonzosa']);
  assert.deepEqual(flagged('Le maire a dénoncé une gestion calamiteuse du budget municipal.'), ['calamiteuse']);
  assert.deepEqual(flagged('Die Opposition nannte den Minister einen Handlanger der Konzerne.'), ['handlanger']);
  assert.deepEqual(flagged('Der Stadtrat beschloss am Montag den neuen Haushalt.'), []);
});
