/**
 * @module VADER's polarity scores exactly as vader-sentiment 1.1.3 computes them, minus its one slow step.
 *
 * Before scoring, vader-sentiment strips leading or trailing punctuation from each token by building, for every
 * call, a dictionary of every punctuation mark in its PUNC_LIST (17 of them) before and after every word of the
 * text: ~35 strings per word, ~190 µs for a 20-word sentence, nearly all of its time (and much of a campaign's
 * garbage). `wordsAndEmoticons` gives the same tokens by looking at each token's own punctuation: a key "mark +
 * word" or "word + mark" can be split only one way, because the words come from the text with every punctuation
 * character removed. The valence rules themselves (lexicon, boosters, negation, idioms, "but", emphasis) are still
 * vader-sentiment's own static methods; only the loop that calls them is repeated here. vader-scores.test.ts checks
 * the two give identical scores on every text of the four shared datasets and on punctuation- and case-heavy texts.
 */
import vader from 'vader-sentiment';

const analyzer = vader.SentimentIntensityAnalyzer;

/** Every character vader-sentiment's REGEX_REMOVE_PUNCTUATION removes (ASCII punctuation). */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const PUNCTUATION_PATTERN = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** vader-sentiment's PUNC_LIST: the marks it strips from a token's start or end. */
const STRIPPED_MARKS: ReadonlySet<string> = new Set(
  ['.', '!', '?', ',', ';', ':', '-', "'", '"'].concat(['!!', '!!!', '??', '???', '?!?', '!?!', '?!?!', '!?!?']),
);

/**
 * The one-word keys of vader-sentiment's BOOSTER_DICT (its two-word keys never equal a token, which holds no
 * whitespace): a booster scores 0 itself and only scales the word after it.
 */
export const BOOSTER_WORDS: ReadonlySet<string> = new Set(
  (
    'absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially ' +
    'exceptionally extremely fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly ' +
    'hella highly hugely incredibly intensely majorly more most particularly purely quite really remarkably so ' +
    'substantially thoroughly totally tremendously uber unbelievably unusually utterly very almost barely hardly ' +
    'kinda kindof kind-of less little marginally occasionally partly scarcely slightly somewhat sorta sortof sort-of'
  ).split(' '),
);

/** The tokens vader-sentiment scores: whitespace-separated, longer than one character, edge punctuation stripped. */
export function wordsAndEmoticons(text: string): string[] {
  const words = new Set(
    text
      .replace(PUNCTUATION_PATTERN, '')
      .split(/\s/)
      .filter((w) => w.length > 1),
  );
  const out: string[] = [];
  for (const token of text.split(/\s/)) {
    if (token.length > 1) out.push(stripEdgeMark(token, words));
  }
  return out;
}

/** `token` without a leading or trailing mark of STRIPPED_MARKS when what remains is a word of the text. */
function stripEdgeMark(token: string, words: ReadonlySet<string>): string {
  let lead = 0;
  while (lead < token.length && PUNCTUATION.has(token[lead]!)) lead++;
  if (lead > 0) {
    const rest = token.slice(lead);
    return STRIPPED_MARKS.has(token.slice(0, lead)) && words.has(rest) ? rest : token;
  }
  let tail = token.length;
  while (tail > 0 && PUNCTUATION.has(token[tail - 1]!)) tail--;
  if (tail === token.length) return token;
  const rest = token.slice(0, tail);
  return STRIPPED_MARKS.has(token.slice(tail)) && words.has(rest) ? rest : token;
}

/** Python's str.isupper as vader-sentiment tests it: at least one capital and no lower-case letter. */
function isUpper(word: string): boolean {
  return /^[^a-z]*[A-Z]+[^a-z]*$/.test(word);
}

/** Whether some but not all tokens are in capitals (then a capitalised sentiment word counts more). */
function someCapitals(words: readonly string[]): boolean {
  let capitals = 0;
  for (const w of words) if (isUpper(w)) capitals++;
  const others = words.length - capitals;
  return others > 0 && others < words.length;
}

/** VADER's compound score of `text`, in [-1, 1], rounded to 4 decimals as vader-sentiment returns it. */
export function vaderCompound(text: string): number {
  const words = wordsAndEmoticons(text);
  const sentiText = { text, words_and_emoticons: words, is_cap_diff: someCapitals(words) };
  let sentiments: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const lower = words[i]!.toLowerCase();
    if ((lower === 'kind' && words[i + 1]?.toLowerCase() === 'of') || BOOSTER_WORDS.has(lower)) {
      sentiments.push(0);
      continue;
    }
    sentiments = analyzer.sentiment_valence(0, sentiText, words[i]!, i, sentiments);
  }
  sentiments = analyzer.but_check(words, sentiments);
  return analyzer.score_valence(sentiments, text).compound;
}
