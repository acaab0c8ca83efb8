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
 * How: before each readDoc the entries the previous one added are taken out of the lexeme, prefix, suffix and shape
 * tables (wink looks values up by those tables' hashes), the lists are cut back to their loaded length, and wink's
 * cache drops the added lexemes' properties (./wink-trimmable.ts). A new value so gets the same index as in a freshly
 * loaded model, memory stays what the load took, and the prefix, suffix and shape indices, packed into fixed-width
 * fields (`maxIndex`, 8,191 prefixes), can no longer overflow in a long campaign. A document is only valid until the
 * next readDoc on the same instance: its unknown words' indices are then reused.
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

/** Wraps a loaded instance so that each readDoc starts from the loaded model; see the module comment. */
export function statelessWink({ nlp, core, cache }: LoadedWink): WinkMethods {
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

  const readDoc = (text: string) => {
    forgetAdded();
    return nlp.readDoc(text);
  };
  const learnCustomEntities = (): never => {
    // Learnt patterns add lexemes, which the next readDoc would take out again. Nothing in Quiver learns entities.
    throw new Error('learnCustomEntities is not supported on a stateless wink instance');
  };
  return { ...nlp, readDoc, learnCustomEntities };
}
