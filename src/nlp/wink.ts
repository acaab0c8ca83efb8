/**
 * @module Lazily-loaded wink-nlp instances, one of each kind per thread. Loading the English model costs ~180 ms and
 * ~60 MB, so nothing loads it until it is needed: not even importing this module does (the model package reads its
 * data when it is loaded), so a campaign's main thread, which imports the registry only to check names, never pays.
 */
import { createRequire } from 'node:module';
import type { WinkMethods } from 'wink-nlp';
import { type LoadedWink, statelessWink } from './wink-stateless.js';
import { trimmableWink } from './wink-trimmable.js';

let instance: WinkMethods | undefined;
let sentimentOnly: WinkMethods | undefined;
let posOnly: WinkMethods | undefined;

/**
 * What the analyzer reads: sentences, POS tags (lemmas come from them) and entities. wink's default pipeline also marks
 * negation, scores sentiment and runs custom-entity patterns, which the analyzer never reads and which took more than
 * half of each readDoc (295 against 127 µs per MR-test text). Tokens, tags, lemmas, entity and sentence spans are the
 * default pipeline's: compared on all 5 shared datasets × 8 variants, as written and lower-cased (266,368 texts), and
 * on SST-2 dev in wink.test.ts.
 */
export function wink(): WinkMethods {
  instance ??= load(['sbd', 'pos', 'ner']);
  return instance;
}

/**
 * A second instance whose pipeline stops at what document sentiment needs (sentence boundaries, negation,
 * sentiment): the same scores (src/targets/wink.test.ts compares them) in about half the time, since tagging and entity
 * recognition are most of a readDoc. It costs ~150 ms and ~9 MB more per thread, which the `local:wink` target wins
 * back within its first ~10,000 texts.
 */
export function winkSentiment(): WinkMethods {
  sentimentOnly ??= load(['sbd', 'negation', 'sentiment']);
  return sentimentOnly;
}

/**
 * A third instance that stops at POS tags (sentence boundaries, then tagging: entities come after tags in wink's
 * pipeline, so the tags are the full pipeline's). The POS-consistency constraint tags a window around every synonym
 * candidate with it.
 */
export function winkPos(): WinkMethods {
  posOnly ??= load(['sbd', 'pos']);
  return posOnly;
}

/**
 * The custom-entity meta model, loaded once per thread: wink-eng-lite-web-model's loader re-encodes it as JSON on
 * every call (a string of a string of …), so about the twentieth instance in a thread failed with "Invalid string
 * length" (tests load many).
 */
let metaCerModel: unknown;
function metaCER(): unknown {
  const require = createRequire(import.meta.url);
  metaCerModel ??= (require('wink-eng-lite-web-model') as { metaCER(): unknown }).metaCER();
  return metaCerModel;
}

/**
 * A wink instance with `pipe` (`undefined`: wink's default pipeline, everything) whose readDoc depends on its text
 * alone (./wink-stateless.ts).
 */
export function load(pipe?: string[]): WinkMethods {
  return statelessWink(loadWink(pipe));
}

/**
 * A plain wink instance with `pipe`, the model tables it grows as it reads, and its cache (what ./wink-stateless.ts
 * resets).
 */
export function loadWink(pipe?: string[]): LoadedWink {
  const { winkNLP, cacheOf } = trimmableWink();
  const model = createRequire(import.meta.url)('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0] & {
    core(): object;
  };
  let core: object | undefined;
  // The same model, whose core() also hands the loaded tables to us.
  const seen = { ...model, core: () => (core = model.core()), metaCER };
  const nlp = pipe === undefined ? winkNLP(seen) : winkNLP(seen, pipe);
  const cache = core === undefined ? undefined : cacheOf(core);
  if (core === undefined || cache === undefined) throw new Error('wink-nlp did not load the core model');
  return { nlp, core: core as LoadedWink['core'], cache };
}
