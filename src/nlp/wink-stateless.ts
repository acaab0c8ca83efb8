/**
 * @module A wink-nlp instance whose every readDoc sees the model as it was loaded, so a text's tokens, tags, lemmas,
 * sentences and entities depend on that text alone, not on what the instance read before.
 *
 * Why: wink's cache adds every word it has not met to the model's lexeme table, with properties taken from the context
 * of that first meeting, and later texts reuse them. "USD" first met in "USD6m" is stored as a currency token, and
 * "Sales rose to USD 5 million ." is then tagged "… PART SYM …" instead of "… ADP PROPN …"; once "world's" is a known
 * lexeme the tokenizer stops splitting "'s" off it. So a worker's results depended on which examples it had attacked
 * before: with 2 workers the assignment of examples to threads changed records between runs (1 record of 4,846 on
 * Financial PhraseBank, issue 18's cold bench), and a resumed campaign could differ from an uninterrupted one.
 *
 * How: wink's cache is extended (./wink-trimmable.ts) so that a word added while reading an earlier text is invisible
 * to the tokenizer, and reused only when the current text adds it with the same token category (and the same normal
 * form): then its properties are what adding it afresh computes. A word met in another category is added afresh. So
 * a text reads as in a freshly loaded model, yet a word the model does not know (a typo, a name), which the search
 * meets in hundreds of candidate texts, is analysed once rather than in every text.
 *
 * Added entries are taken out of the lexeme, prefix, suffix and shape tables (and wink's cache) once one of them has
 * grown past its cap (MAX_ADDED): memory stays bounded, and the prefix, suffix and shape indices, packed into
 * fixed-width fields (`maxIndex`, 8,191 prefixes), cannot overflow in a long campaign. When that happens depends on
 * history, but nothing a document exposes does: new values only get other index numbers. A document is valid until
 * the next readDoc on the same instance.
 */
import type { WinkMethods } from 'wink-nlp';
import type { TrimmableCache } from './wink-trimmable.js';

/** The parts of a loaded wink model that readDoc grows (wink-eng-lite-web-model's `core()`). */
interface GrowingFeature {
  readonly list: string[];
  readonly hash: Record<string, number | undefined>;
  index: number;
}
interface CoreModel {
  readonly features: Record<'lexeme' | 'prefix' | 'suffix' | 'shape', GrowingFeature>;
}

/** A loaded instance, the model tables it grows as it reads, and its cache. */
export interface LoadedWink {
  readonly nlp: WinkMethods;
  readonly core: CoreModel;
  readonly cache: TrimmableCache;
}

const GROWING = ['lexeme', 'prefix', 'suffix', 'shape'] as const;

/**
 * How many entries each table may gain before everything added is taken out at once. The prefix, suffix and shape
 * indices are packed into fixed-width fields (`maxIndex`: 8,191 prefixes, 16,383 shapes, with 1,279 and 587 loaded),
 * so those caps keep well inside them; the lexeme cap bounds memory (~100 bytes per word).
 */
export const MAX_ADDED: Readonly<Record<(typeof GROWING)[number], number>> = {
  lexeme: 200_000,
  prefix: 4_000,
  suffix: 100_000,
  shape: 8_000,
};

/** Wraps a loaded instance so that each readDoc reads as if the model were freshly loaded; see the module comment. */
export function statelessWink({ nlp, core, cache }: LoadedWink, maxAdded = MAX_ADDED): WinkMethods {
  const { features } = core;
  const loadedLength = new Map(GROWING.map((name) => [name, features[name].list.length]));
  const lexemes = loadedLength.get('lexeme')!;

  const forgetAdded = (): void => {
    for (const name of GROWING) {
      const f = features[name];
      const size = loadedLength.get(name)!;
      for (let i = size; i < f.list.length; i++) delete f.hash[f.list[i]!];
      f.list.length = size;
      f.index = size;
    }
    cache.trimTo(lexemes);
  };
  const full = (): boolean =>
    GROWING.some((name) => features[name].list.length - loadedLength.get(name)! > maxAdded[name]);

  const readDoc = (text: string) => {
    if (full()) forgetAdded();
    cache.nextDoc();
    return nlp.readDoc(text);
  };
  const learnCustomEntities = (): never => {
    // Learnt patterns add lexemes, which later texts would not see. Nothing in Quiver learns entities.
    throw new Error('learnCustomEntities is not supported on a stateless wink instance');
  };
  return { ...nlp, readDoc, learnCustomEntities };
}
