/**
 * @module wink-nlp, loaded so that the cache of each instance can be cut back to the lexemes it had after loading.
 *
 * Why: ./wink-stateless.ts takes what a readDoc added out of the model's tables before the next one. Wink keeps the
 * properties of each added (out-of-vocabulary) lexeme in an array private to its cache (`extrinsicLexicon`, indexed by
 * lexeme index), and offers no way to shorten it; without one, the lexeme list could not be cut back either, both grew
 * with every text (unknown words are added again after each reset), and the instance had to be loaded again now and
 * then, which cost ~200 MB per worker (experiments/results/bench.md, session 9).
 *
 * How: wink-nlp's `src/cache.js` is compiled from its own source with two methods added inside its closure (`trimTo`,
 * `extrinsicLength`), and a private copy of `src/wink-nlp.js` is compiled whose `require('./cache.js')` gets that
 * version; every other wink module is the installed one. Nothing global changes: `require('wink-nlp')` elsewhere still
 * gets the unchanged library. The anchor the methods are added at is checked, so a wink-nlp whose cache differs fails
 * loudly here instead of reading wrong properties (package.json pins wink-nlp 2.4.0).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';

/** The methods added to wink's cache. */
export interface TrimmableCache {
  /** Drops the properties of every lexeme at index `lexemes` or beyond (the caller cuts the lexeme list to match). */
  trimTo(lexemes: number): void;
  /** Numbers stored for added lexemes (wink packs 2 + the model's extractable features per lexeme). */
  extrinsicLength(): number;
}

type WinkNLP = typeof import('wink-nlp').default;

export interface TrimmableWink {
  /** wink-nlp's factory, as `require('wink-nlp')` would give it. */
  readonly winkNLP: WinkNLP;
  /** The cache an instance made for `core` (the object its model's `core()` returned). */
  cacheOf(core: object): TrimmableCache | undefined;
}

/** Where the methods go: just before wink's cache lists its methods. */
const ANCHOR = '\n  methods.add = add;\n';
const ADDED_METHODS = `
  methods.trimTo = function ( lexemes ) {
    extrinsicLexicon.length = Math.max( 0, lexemes - lexemeIntrinsicSize ) * elPackingSize;
  };
  methods.extrinsicLength = function () { return extrinsicLexicon.length; };`;

/** wink's cache.js `source` (read from `file`) with the methods added, or an error if it is not the expected file. */
export function withTrimMethods(source: string, file: string): string {
  if (!source.includes(ANCHOR)) {
    throw new Error(`${file} is not the wink-nlp 2.4.0 cache Quiver extends (no "methods.add = add;" line)`);
  }
  return source.replace(ANCHOR, `${ADDED_METHODS}${ANCHOR}`);
}

interface CommonJsModule {
  exports: unknown;
}

/** Runs CommonJS `source` as the file `filename`, with `require` for its own requires. */
function runCommonJs(filename: string, source: string, require: (id: string) => unknown): unknown {
  const module: CommonJsModule = { exports: {} };
  const params = ['exports', 'require', 'module', '__filename', '__dirname'];
  compileFunction(source, params, { filename })(module.exports, require, module, filename, dirname(filename));
  return module.exports;
}

let loaded: TrimmableWink | undefined;

/** wink-nlp with trimmable caches, compiled once per thread. */
export function trimmableWink(): TrimmableWink {
  if (loaded !== undefined) return loaded;
  const winkPath = createRequire(import.meta.url).resolve('wink-nlp');
  const cachePath = join(dirname(winkPath), 'cache.js');
  const makeCache = runCommonJs(
    cachePath,
    withTrimMethods(readFileSync(cachePath, 'utf8'), cachePath),
    createRequire(cachePath),
  ) as (model: object, featureFn: unknown) => TrimmableCache;
  const caches = new WeakMap<object, TrimmableCache>();
  const trackedCache = (model: object, featureFn: unknown): TrimmableCache => {
    const cache = makeCache(model, featureFn);
    caches.set(model, cache);
    return cache;
  };
  const requireFromWink = createRequire(winkPath);
  const winkNLP = runCommonJs(winkPath, readFileSync(winkPath, 'utf8'), (id) =>
    id === './cache.js' ? trackedCache : requireFromWink(id),
  ) as WinkNLP;
  loaded = { winkNLP, cacheOf: (core) => caches.get(core) };
  return loaded;
}
