/** @module Re-inflects a base-form synonym to an original word's form (plural, -s, -ed, -ing, -er, -est) and case. */
import { createRequire } from 'node:module';
import type { NounInflector } from 'natural/lib/natural/inflectors/index.js';
import type { WordNetPos } from './wordnet.js';

/** A word's form relative to its lemma. `past-or-participle`: an -ed form that reads as either ("loved", "made"). */
export type WordForm =
  | 'base'
  | 'plural'
  | 'third-person'
  | 'past'
  | 'participle'
  | 'past-or-participle'
  | 'ing'
  | 'comparative'
  | 'superlative';

let nounInflector: NounInflector | undefined;

/** natural's noun inflector, loaded on first use: a campaign's main thread imports this module but never inflects. */
function nouns(): NounInflector {
  if (nounInflector === undefined) {
    const inflectors = createRequire(import.meta.url)('natural/lib/natural/inflectors/index.js') as {
      NounInflector: new () => NounInflector;
    };
    nounInflector = new inflectors.NounInflector();
  }
  return nounInflector;
}

interface Irregular {
  readonly past: string;
  readonly participle: string;
}

// Common irregular verbs (base past participle): regular rules would produce "goed" or "taked".
const IRREGULAR_VERB_LIST = `arise arose arisen|awake awoke awoken|be was been|bear bore borne|beat beat beaten|
become became become|begin began begun|behold beheld beheld|bend bent bent|bet bet bet|bid bid bid|bind bound bound|
bite bit bitten|bleed bled bled|blow blew blown|break broke broken|breed bred bred|bring brought brought|
broadcast broadcast broadcast|build built built|burst burst burst|buy bought bought|cast cast cast|catch caught caught|
choose chose chosen|cling clung clung|come came come|cost cost cost|creep crept crept|cut cut cut|deal dealt dealt|
dig dug dug|do did done|draw drew drawn|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|
feed fed fed|feel felt felt|fight fought fought|find found found|flee fled fled|fling flung flung|fly flew flown|
forbid forbade forbidden|forecast forecast forecast|foresee foresaw foreseen|forget forgot forgotten|
forgive forgave forgiven|forsake forsook forsaken|freeze froze frozen|get got gotten|give gave given|go went gone|
grind ground ground|grow grew grown|hang hung hung|have had had|hear heard heard|hide hid hidden|hit hit hit|
hold held held|hurt hurt hurt|keep kept kept|kneel knelt knelt|know knew known|lay laid laid|lead led led|
leave left left|lend lent lent|let let let|light lit lit|lose lost lost|make made made|mean meant meant|meet met met|
mistake mistook mistaken|pay paid paid|put put put|quit quit quit|read read read|rid rid rid|ride rode ridden|
ring rang rung|rise rose risen|run ran run|say said said|see saw seen|seek sought sought|sell sold sold|send sent sent|
set set set|shake shook shaken|shed shed shed|shine shone shone|shoot shot shot|show showed shown|shrink shrank shrunk|
shut shut shut|sing sang sung|sink sank sunk|sit sat sat|slay slew slain|sleep slept slept|slide slid slid|
sling slung slung|slit slit slit|speak spoke spoken|speed sped sped|spend spent spent|spin spun spun|spit spat spat|
split split split|spread spread spread|spring sprang sprung|stand stood stood|steal stole stolen|stick stuck stuck|
sting stung stung|stink stank stunk|stride strode stridden|strike struck struck|string strung strung|
strive strove striven|swear swore sworn|sweep swept swept|swim swam swum|swing swung swung|take took taken|
teach taught taught|tear tore torn|tell told told|think thought thought|throw threw thrown|thrust thrust thrust|
tread trod trodden|wake woke woken|wear wore worn|weave wove woven|weep wept wept|win won won|wind wound wound|
wring wrung wrung|write wrote written`;

const IRREGULAR_VERBS = new Map<string, Irregular>();
for (const entry of IRREGULAR_VERB_LIST.split('|')) {
  const [base, past, participle] = entry.trim().split(' ');
  if (base !== undefined && past !== undefined && participle !== undefined) {
    IRREGULAR_VERBS.set(base, { past, participle });
  }
}

// Prefixed forms conjugate like their stem ("understand" -> "understood", "rewrite" -> "rewrote").
const VERB_PREFIXES = ['under', 'over', 'with', 'fore', 'out', 'mis', 're', 'un', 'up', 'be'];
const NOT_PREFIXED = new Set(['behave', 'belay', 'relay', 'outlay']);

function irregularVerb(base: string): Irregular | undefined {
  const direct = IRREGULAR_VERBS.get(base);
  if (direct !== undefined) return direct;
  if (NOT_PREFIXED.has(base)) return undefined;
  for (const prefix of VERB_PREFIXES) {
    if (!base.startsWith(prefix)) continue;
    const stem = IRREGULAR_VERBS.get(base.slice(prefix.length));
    if (stem !== undefined) return { past: prefix + stem.past, participle: prefix + stem.participle };
  }
  return undefined;
}

const THIRD_PERSON_IRREGULAR: Record<string, string> = { be: 'is', have: 'has' };

const IRREGULAR_ADJECTIVES: Record<string, readonly [string, string]> = {
  good: ['better', 'best'],
  well: ['better', 'best'],
  bad: ['worse', 'worst'],
  ill: ['worse', 'worst'],
  far: ['farther', 'farthest'],
};

// Two-syllable verbs stressed on the last syllable double their final consonant ("admitted", "preferring").
const DOUBLES_FINAL = new Set(
  (
    'admit commit submit permit omit emit transmit occur recur incur concur prefer refer defer confer infer transfer ' +
    'compel expel propel repel excel control patrol regret forget begin equip upset abet rebel ' +
    // British -l spellings WordNet lists as lemmas ("fulfil" -> "fulfilling", never "fulfiling"), and a few more.
    'fulfil distil instil enrol enthral annul extol appal impel dispel befit outwit acquit embed deter overlap unwrap'
  ).split(' '),
);

/** Monosyllables ending consonant-vowel-consonant ("stop", "big") double the consonant before -ed/-ing/-er. */
function doublesFinal(word: string): boolean {
  if (DOUBLES_FINAL.has(word)) return true;
  return /^[^aeiou]*[aeiou][b-df-hj-np-tvz]$/.test(word) && !/^qu/.test(word);
}

function syllables(word: string): number {
  const groups = word.match(/[aeiouy]+/g)?.length ?? 0;
  const silentE = /[^aeiouy]e$/.test(word) && groups > 1 ? 1 : 0;
  return Math.max(1, groups - silentE);
}

function thirdPerson(verb: string): string {
  const irregular = THIRD_PERSON_IRREGULAR[verb];
  if (irregular !== undefined) return irregular;
  if (/(s|x|z|ch|sh)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  if (/[^aeiou]o$/.test(verb)) return `${verb}es`;
  return `${verb}s`;
}

function regularEd(verb: string): string {
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  if (/[aeiou]c$/.test(verb)) return `${verb}ked`;
  if (doublesFinal(verb)) return `${verb}${verb.slice(-1)}ed`;
  return `${verb}ed`;
}

function ing(verb: string): string {
  if (verb === 'be') return 'being';
  if (verb.endsWith('ie')) return `${verb.slice(0, -2)}ying`;
  if (/(ee|ye|oe)$/.test(verb)) return `${verb}ing`;
  if (/[^e]e$/.test(verb)) return `${verb.slice(0, -1)}ing`;
  if (/[aeiou]c$/.test(verb)) return `${verb}king`;
  if (doublesFinal(verb)) return `${verb}${verb.slice(-1)}ing`;
  return `${verb}ing`;
}

/** -er/-est of a short adjective (one syllable, or two ending in -y); null when it would take "more"/"most". */
function graded(adjective: string, suffix: 'er' | 'est'): string | null {
  const irregular = IRREGULAR_ADJECTIVES[adjective];
  if (irregular !== undefined) return suffix === 'er' ? irregular[0] : irregular[1];
  if (!/^[a-z]+$/.test(adjective)) return null;
  const n = syllables(adjective);
  if (/[^aeiou]y$/.test(adjective) && n <= 2) return `${adjective.slice(0, -1)}i${suffix}`;
  if (n !== 1) return null;
  if (adjective.endsWith('e')) return `${adjective}${suffix.slice(1)}`;
  if (doublesFinal(adjective)) return `${adjective}${adjective.slice(-1)}${suffix}`;
  return `${adjective}${suffix}`;
}

/**
 * Which form `original` takes relative to its `lemma`, or null when it cannot be told reliably (the candidate
 * is then dropped rather than guessed).
 */
export function detectForm(original: string, lemma: string, pos: WordNetPos): WordForm | null {
  const word = original.toLowerCase();
  const base = lemma.toLowerCase();
  if (word === base) return 'base';
  switch (pos) {
    case 'n':
      if (nouns().pluralize(base) === word) return 'plural';
      return word.endsWith('s') && word.startsWith(base.slice(0, Math.max(1, base.length - 1))) ? 'plural' : null;
    case 'v': {
      const irregular = irregularVerb(base);
      if (irregular !== undefined) {
        if (word === irregular.past && word === irregular.participle) return 'past-or-participle';
        if (word === irregular.past || (base === 'be' && word === 'were')) return 'past';
        if (word === irregular.participle) return 'participle';
      }
      if (word === thirdPerson(base)) return 'third-person';
      if (word === ing(base)) return 'ing';
      if (word === regularEd(base)) return 'past-or-participle';
      if (irregular !== undefined) return null;
      if (word.endsWith('ing')) return 'ing';
      if (word.endsWith('ed')) return 'past-or-participle';
      if (word.endsWith('s')) return 'third-person';
      return null;
    }
    case 'a': {
      const sameStem = word.startsWith(base.slice(0, 2));
      if (word === graded(base, 'er') || (sameStem && word.endsWith('er'))) return 'comparative';
      if (word === graded(base, 'est') || (sameStem && word.endsWith('est'))) return 'superlative';
      return null;
    }
    case 'r':
      return null;
  }
}

function inflectVerb(verb: string, form: WordForm): string | null {
  const irregular = irregularVerb(verb);
  switch (form) {
    case 'base':
      return verb;
    case 'third-person':
      return thirdPerson(verb);
    case 'ing':
      return ing(verb);
    case 'past':
      return irregular?.past ?? regularEd(verb);
    case 'participle':
      return irregular?.participle ?? regularEd(verb);
    case 'past-or-participle':
      // "loved" could be either; an irregular candidate is only safe when both of its forms agree ("made").
      if (irregular === undefined) return regularEd(verb);
      return irregular.past === irregular.participle ? irregular.past : null;
    default:
      return null;
  }
}

/**
 * `base` (a WordNet lemma, lower case, possibly multi-word) in `form`, or null when that cannot be done reliably.
 * Multi-word nouns inflect their last word, multi-word verbs their first ("take off" -> "took off").
 */
export function inflect(base: string, form: WordForm, pos: WordNetPos): string | null {
  if (form === 'base') return base;
  const parts = base.split(' ');
  switch (pos) {
    case 'n': {
      if (form !== 'plural') return null;
      const last = parts.pop()!;
      return [...parts, nouns().pluralize(last)].join(' ');
    }
    case 'v': {
      const [first, ...rest] = parts;
      if (first === undefined) return null;
      const head = inflectVerb(first, form);
      return head === null ? null : [head, ...rest].join(' ');
    }
    case 'a':
      if (parts.length > 1) return null;
      if (form === 'comparative') return graded(base, 'er');
      if (form === 'superlative') return graded(base, 'est');
      return null;
    case 'r':
      return null;
  }
}

/** `replacement` in the case pattern of `original`: lower, Title or UPPER. Mixed case ("iPhone") leaves it as is. */
export function matchCase(original: string, replacement: string): string {
  const hasUpper = /\p{Lu}/u.test(original);
  const hasLower = /\p{Ll}/u.test(original);
  if (!hasUpper) return replacement.toLowerCase();
  if (!hasLower) {
    // A single capital letter ("I", "A") is Title case, not shouting.
    if ([...original].filter((c) => /\p{L}/u.test(c)).length > 1) return replacement.toUpperCase();
  }
  if (/^\p{Lu}[^\p{Lu}]*$/u.test(original)) {
    const lower = replacement.toLowerCase();
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  }
  return replacement;
}
