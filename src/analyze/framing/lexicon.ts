/**
 * Framing lexicon, compiled by hand for Parallax (no third-party list).
 *
 * `load`: 0 = neutral term, 1 = mildly loaded, 2 = strongly loaded.
 * The lexicon is only one signal: label items are driven by contrast across
 * a story's articles; the lexicon says which side of a contrast is marked and
 * lets single-sentence mode (no other articles) flag anything at all.
 *
 * `stem` terms match with up to four extra letters (inflected languages).
 */

export type ConceptKind = 'person-role' | 'government' | 'armed-group' | 'military-action' | 'group';

export interface LexTerm {
  term: string;
  load: 0 | 1 | 2;
  stem?: boolean;
}

export interface Concept {
  id: string;
  kind: ConceptKind;
  terms: LexTerm[];
  /** Folded words that, right after a term, mean it is not a label ("regime change"). */
  notBefore?: string[];
  /** Folded words that, right before a term, mean it is not a label ("sanctions regime"). */
  notAfter?: string[];
  /** Terms name a class of people (migrants), not one actor: contrast holds without a named referent. */
  classLabel?: boolean;
}

const n = (term: string, stem = false): LexTerm => ({ term, load: 0, stem });
const l1 = (term: string, stem = false): LexTerm => ({ term, load: 1, stem });
const l2 = (term: string, stem = false): LexTerm => ({ term, load: 2, stem });

export const CONCEPTS: Concept[] = [
  {
    id: 'leader',
    kind: 'person-role',
    terms: [
      // English
      n('president'), n('presidents'), n('leader'), n('head of state'), n('prime minister'), n('premier'),
      n('chancellor'), n('king'), n('monarch'), n('ruler'),
      l2('dictator'), l2('dictators'), l2('tyrant'), l2('despot'), l1('autocrat'), l1('strongman'), l2('warlord'),
      // Spanish / Portuguese / Italian / French / German
      n('presidente'), n('mandatario'), n('líder'), n('président'), n('dirigeant'), n('Präsident'), n('Staatschef'),
      l2('dictador'), l2('ditador'), l2('dittatore'), l2('dictateur'), l2('Diktator'), l1('Machthaber'),
      l2('tirano'), l2('tyran'),
      // Russian / Ukrainian / Polish / Turkish
      n('президент', true), n('лидер', true), n('лідер', true), l2('диктатор', true), l1('узурпатор', true),
      n('prezydent', true), l2('dyktator', true), n('cumhurbaşkanı', true), l2('diktatör', true),
    ],
  },
  {
    id: 'government',
    kind: 'government',
    terms: [
      n('government'), n('administration'), n('leadership'), n('cabinet'),
      l2('regime'), l1('junta'), l2('clique'), l2('cabal'),
      n('gobierno'), n('governo'), n('gouvernement'), n('Regierung'),
      l2('régimen'), l2('régime'), l2('Regime'), l1('Machthaber'),
      n('правительств', true), n('уряд', true), l2('режим', true), l1('хунт', true),
      n('rząd', true), l2('reżim', true), n('hükümet', true), l2('rejim', true),
    ],
    notBefore: ['change', 'changes', 'changing', 'shift', 'official', 'officials', 'spokesman', 'spokeswoman', 'spokesperson', 'bonds', 'debt', 'data', 'building', 'buildings', 'agency', 'agencies', 'forces', 'troops', 'shutdown', 'contract', 'contracts', 'funding', 'sources', 'source', 'policy', 'policies', 'critics'],
    notAfter: ['sanctions', 'sanction', 'tax', 'visa', 'trade', 'treatment', 'training', 'dosing', 'ceasefire', 'control', 'export', 'legal', 'regulatory', 'exchange', 'currency', 'drug', 'medication', 'local', 'state', 'federal', 'provincial', 'city', 'municipal', 'student', 'school'],
  },
  {
    id: 'armed-group',
    kind: 'armed-group',
    terms: [
      n('militants'), n('militant group'), n('fighters'), n('rebels'), n('insurgents'), n('gunmen'), n('separatists'),
      n('armed group'), n('guerrillas'), n('combatants'),
      l2('terrorists'), l2('terrorist group'), l2('terrorist organization'), l2('thugs'), l1('bandits'),
      l1('extremists'), l1('jihadists'), l2('freedom fighters'), l2('martyrs'),
      n('militantes'), n('rebeldes'), l2('terroristas'), n('combattants'), l2('terroristes'), n('Kämpfer'),
      l2('Terroristen'), n('боевик', true), l2('террорист', true), l2('терорист', true), n('бойовик', true),
    ],
  },
  {
    id: 'military-action',
    kind: 'military-action',
    terms: [
      n('war'), n('conflict'), n('offensive'), n('military operation'), n('incursion'), n('invasion'),
      n('military campaign'),
      l2('special military operation'), l1('liberation'), l2('massacre'), l1('aggression'),
      n('guerra'), n('invasión'), l2('operación militar especial'), n('guerre'), l2('opération militaire spéciale'),
      n('Krieg'), n('війн', true), n('войн', true), n('вторгнення', true), n('вторжени', true),
      l2('специальная военная операция'), l2('спецоперац', true), l2('СВО'),
    ],
  },
  {
    id: 'migrants',
    kind: 'group',
    classLabel: true,
    terms: [
      n('migrants'), n('immigrants'), n('undocumented immigrants'), n('asylum seekers'), n('refugees'),
      n('undocumented migrants'),
      l2('illegal aliens'), l2('illegals'), l2('illegal immigrants'), l1('illegal migrants'), l2('invaders'),
    ],
  },
  {
    id: 'abortion-stance',
    kind: 'group',
    classLabel: true,
    terms: [
      n('anti-abortion'), n('abortion rights'), n('abortion-rights'),
      l1('pro-life'), l1('pro-choice'), l2('pro-abortion'), l2('baby killers'),
    ],
  },
  {
    id: 'protesters',
    kind: 'group',
    terms: [
      n('protesters'), n('demonstrators'), n('activists'),
      l2('rioters'), l2('mob'), l2('looters'), l1('agitators'),
    ],
  },
];

/** Loaded reporting verbs ("slammed" for "criticized", "claimed" for "said"). */
export const LOADED_VERBS: LexTerm[] = [
  l2('slammed'), l2('slams'), l2('slamming'), l2('blasted'), l2('lashed out'), l2('lashes out'),
  l2('lambasted'), l2('lambasts'), l2('ripped into'), l2('railed against'), l2('rails against'), l2('ranted'),
  l2('raged'), l2('fumed'), l2('whined'), l2('bragged'), l2('brags'), l2('boasted'), l2('boasts'), l2('scoffed'),
  l2('sneered'), l2('gloated'), l2('spewed'), l2('peddled'), l2('parroted'), l2('berated'), l2('shrieked'),
  l2('smeared'), l2('trashed'), l2('torched'), l2('flip-flopped'), l2('caved'),
  l1('claimed'), l1('claims that'), l1('claiming that'), l1('admitted'), l1('admits'), l1('conceded'),
  l1('insisted'), l1('insists'), l1('alleged'), l1('touted'), l1('touts'), l1('mocked'), l1('derided'),
  l1('decried'), l1('hyped'), l1('trumpeted'), l1('doubled down'), l1('backtracked'), l1('dodged'),
  l1('refused to say'), l1('grumbled'), l1('complained'), l1('bemoaned'), l1('lamented'),
  // other languages
  l1('afirmó sin pruebas'), l2('arremetió'), l2('criticó duramente'), l1('prétend'), l2('fustigé'),
  l2('wetterte'), l1('behauptete'), l1('утверждает'), l1('заявил без доказательств'), l1('стверджує'),
];

/** Neutral reporting verbs: what a loaded verb is contrasted with. */
export const NEUTRAL_VERBS = [
  'said', 'says', 'stated', 'states', 'announced', 'announces', 'told', 'noted', 'notes', 'added', 'explained',
  'wrote', 'reported', 'described', 'called', 'criticized', 'criticised', 'criticizes', 'responded', 'replied', 'argued',
  'acknowledged', 'confirmed', 'disclosed', 'declared', 'indicated', 'mentioned', 'asserted', 'maintained',
  'dijo', 'afirmó', 'a déclaré', 'a dit', 'sagte', 'erklärte', 'сказал', 'заявил', 'заявив', 'сказав',
];

/** Loaded adjectives, adverbs and nouns (single-word framing cues). */
export const LOADED_WORDS: LexTerm[] = [
  // political labelling
  l2('far-left'), l2('far-right'), l2('ultra-left'), l2('ultra-right'), l2('hard-left'), l2('hard-right'),
  l1('radical'), l1('radicals'), l1('extremist'), l1('extremists'), l1('fringe'), l1('leftist'), l1('leftists'),
  l2('fascist'), l2('fascists'), l1('hardline'), l1('hard-line'), l1('hardliner'), l1('hardliners'),
  l2('anti-american'), l2('un-american'), l1('elitist'), l1('elites'), l1('woke'), l2('libtard'), l2('snowflakes'),
  l1('authoritarian'), l1('totalitarian'), l2('tyrannical'), l2('dictatorial'), l2('despotic'),
  l1('propaganda'), l2('mouthpiece'), l2('puppet'), l2('stooge'), l2('lackey'), l2('lackeys'), l2('cronies'),
  l2('henchmen'), l1('zealots'), l1('zealot'), l1('fanatics'), l1('fanatical'), l2('witch hunt'), l2('hoax'),
  l1('scheme'), l1('ploy'), l1('stunt'), l1('agenda'), l1('crusade'), l1('cabal'),
  // evaluative adjectives
  l2('shameful'), l2('disgraceful'), l2('disgraced'), l2('outrageous'), l1('shocking'), l2('appalling'),
  l1('horrific'), l2('horrifying'), l2('bizarre'), l2('absurd'), l2('ridiculous'), l2('ludicrous'), l2('laughable'),
  l2('insane'), l2('crazy'), l2('unhinged'), l2('deranged'), l2('hysterical'), l1('paranoid'), l2('delusional'),
  l2('incompetent'), l1('inept'), l1('corrupt'), l2('crooked'), l1('dishonest'), l2('phony'), l2('bogus'),
  l2('sham'), l2('racist'), l2('bigoted'), l2('bigot'), l2('bigots'), l2('xenophobic'), l2('sexist'),
  l2('misogynistic'), l2('misogynist'), l2('homophobic'), l2('transphobic'), l2('hateful'), l2('vile'),
  l2('disgusting'), l2('despicable'), l2('evil'), l2('sinister'), l2('nefarious'), l2('draconian'),
  l1('reckless'), l1('chaotic'), l1('disastrous'), l1('catastrophic'), l1('brutal'), l2('ruthless'),
  l2('callous'), l1('cruel'), l2('heartless'), l2('barbaric'), l2('savage'), l1('greedy'), l2('notorious'),
  l1('infamous'), l1('dangerous'), l1('extreme'), l1('controversial'), l2('divisive'), l1('inflammatory'),
  l2('pathetic'), l2('stupid'), l2('idiotic'), l2('dumb'), l2('moronic'), l1('lavish'), l1('cushy'),
  l2('vicious'), l2('venomous'), l2('toxic'), l1('bloated'), l1('wasteful'), l1('failed'), l1('failing'),
  l1('embattled'), l1('beleaguered'), l1('scandal-plagued'), l1('controversy-ridden'), l2('rogue'),
  l2('shady'), l2('sleazy'), l2('slimy'), l1('arrogant'), l1('smug'), l1('condescending'), l1('self-serving'),
  l1('so-called'), l1('self-styled'), l1('self-proclaimed'), l1('supposed'), l1('alleged'),
  l2('massacre'), l2('slaughter'), l2('bloodbath'), l2('carnage'), l1('onslaught'), l1('assault'),
  l1('crackdown'), l1('rampage'), l1('meltdown'), l1('tirade'), l1('rant'), l1('fiasco'), l1('debacle'),
  l1('cover-up'), l1('gaffe'), l1('blunder'), l1('mob'), l2('thugs'), l2('thug'), l2('looters'), l2('rioters'),
  l2('regime'), l2('dictator'), l2('tyrant'), l2('despot'), l2('terrorists'), l1('strongman'),
  l2('illegal aliens'), l2('illegals'), l1('illegal immigrants'), l2('invaders'), l2('invasion of migrants'),
  l1('amnesty'), l1('handouts'), l1('freebies'), l1('entitlement'), l1('job-killing'), l1('death tax'),
  l1('job killers'), l2('baby killers'), l1('pro-abortion'), l1('gun-grabbing'), l1('gun grabbers'),
  // intensifying adverbs
  l1('blatantly'), l2('brazenly'), l2('shamelessly'), l1('egregiously'), l1('outright'), l1('utterly'),
  l1('wildly'), l1('grossly'), l1('recklessly'), l1('dramatically'), l1('staggering'), l1('astonishing'),
  l1('unprecedented'), l1('massive'), l1('huge'), l1('desperate'), l1('desperately'), l1('furious'),
  l1('furiously'), l1('angrily'),
  // a few other languages
  l2('propaganda'), l2('пропаганд', true), l2('хунт', true), l2('так называемый', true), l2('так званий', true),
  l1('sogenannte', true), l2('soi-disant'), l1('prétendu', true), l1('supuesto', true), l2('cosiddetto', true),
];

/** Hedging expressions: report only when another article states the same thing flatly. */
export const HEDGES = [
  'allegedly', 'reportedly', 'purportedly', 'supposedly', 'is said to', 'are said to', 'was said to', 'were said to',
  'is believed to', 'are believed to', 'was believed to', 'presumably', 'ostensibly',
  'presuntamente', 'supuestamente', 'prétendument', 'angeblich', 'mutmaßlich', 'якобы', 'нібито', 'iddiaya göre',
];

/** Distancing phrases introducing a quoted label: "what it calls “...”". */
export const DISTANCING_VERBS = [
  'calls', 'call', 'called', 'terms', 'termed', 'term', 'describes as', 'described as', 'describe as', 'labels',
  'labeled', 'labelled', 'dubs', 'dubbed', 'refers to as', 'referred to as', 'brands', 'branded',
];

/** "so-called" and its kin, which distance the following words. */
export const SO_CALLED = [
  'so-called', 'so called', 'self-styled', 'self-proclaimed', 'self-declared', 'sogenannte', 'sogenannten',
  'sogenannter', 'soi-disant', 'prétendu', 'prétendue', 'llamado', 'autoproclamado', 'autoproclamada',
  'cosiddetto', 'cosiddetta', 'так называемый', 'так называемая', 'так называемые', 'так называемого',
  'так званий', 'так звана', 'так звані', 'sözde', 'tak zwany', 'tak zwana',
];

/** Lower-case role nouns that, before a capitalized name, mark it as a person. */
export const PERSON_ROLES = [
  'minister', 'secretary', 'senator', 'governor', 'ambassador', 'general', 'spokesman', 'spokeswoman',
  'spokesperson', 'official', 'expert', 'analyst', 'mayor', 'judge', 'commander', 'chief', 'director', 'ceo',
  'chairman', 'chairwoman', 'lawmaker', 'congressman', 'congresswoman', 'representative', 'deputy', 'envoy',
  'professor', 'dr', 'mr', 'mrs', 'ms', 'pope', 'prince', 'princess', 'queen', 'sheikh', 'colonel', 'lieutenant',
];
