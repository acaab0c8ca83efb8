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
 * How: before each readDoc the entries added since the load are taken out of the lexeme, prefix, suffix and shape
 * tables (wink looks values up by those tables' hashes). The prefix, suffix and shape lists are cut back too, so a
 * new value gets the same index as in a freshly loaded model; those indices are packed into fixed-width fields
 * (`maxIndex`), which a long campaign used to overflow. The lexeme list is not cut back: wink stores each added
 * lexeme's properties in a private array at the lexeme's index, so indices keep growing, and the instance is loaded
 * again once it has added MAX_ADDED_LEXEMES of them (memory). Documents read earlier stay readable: their lexemes keep
 * their indices, and only the prefix/suffix/shape of their unknown words (which Quiver never reads) may point to
 * another value once a later readDoc reuses an index.
 */
import type { WinkMethods } from 'wink-nlp';

/** The parts of a loaded wink model that readDoc grows (wink-eng-lite-web-model's `core()`). */
interface GrowingFeature {
  readonly list: string[];
  readonly hash: Record<string, number | undefined>;
  index: number;
}
interface CoreModel {
  readonly features: Record<'lexeme' | 'prefix' | 'suffix' | 'shape', GrowingFeature>;
}

/** The loaded model whose `core()` the instance called, and the instance. */
export interface LoadedWink {
  readonly nlp: WinkMethods;
  readonly core: CoreModel;
}

/** Lexemes an instance may add before it is loaded again: ~64 bytes each in wink's arrays, so ~16 MB. */
export const MAX_ADDED_LEXEMES = 250_000;

const CUT_BACK = ['prefix', 'suffix', 'shape'] as const;

/** Wraps the instance that `load` returns (and loads again when it has grown too much); see the module comment. */
export function statelessWink(load: () => LoadedWink, maxAddedLexemes = MAX_ADDED_LEXEMES): WinkMethods {
  let current = load();
  let loadedSize = current.core.features.lexeme.list.length;
  // Lexeme entries at or after this index were added by the last readDoc and are still in the hash.
  let lexemeMark = loadedSize;
  const pristine = new Map(CUT_BACK.map((name) => [name, current.core.features[name].list.length]));

  const forgetAdded = (): void => {
    const { features } = current.core;
    const lexeme = features.lexeme;
    for (let i = lexemeMark; i < lexeme.list.length; i++) delete lexeme.hash[lexeme.list[i]!];
    lexemeMark = lexeme.list.length;
    for (const name of CUT_BACK) {
      const f = features[name];
      const size = pristine.get(name)!;
      for (let i = size; i < f.list.length; i++) delete f.hash[f.list[i]!];
      f.list.length = size;
      f.index = size;
    }
  };

  const readDoc = (text: string) => {
    if (current.core.features.lexeme.list.length - loadedSize >= maxAddedLexemes) {
      current = load();
      loadedSize = lexemeMark = current.core.features.lexeme.list.length;
    } else {
      forgetAdded();
    }
    return current.nlp.readDoc(text);
  };
  const learnCustomEntities = (): never => {
    // Learned patterns live in one instance and add lexemes: a reload would drop them, and the reset would take their
    // words out again. Nothing in Quiver learns entities.
    throw new Error('learnCustomEntities is not supported on a stateless wink instance');
  };
  // `its` and `as` are wink's module-wide helpers, the same for every instance, so they survive a reload.
  return { ...current.nlp, readDoc, learnCustomEntities };
}
