/**
 * @module wink-nlp, loaded with a cache that forgets, between documents, what earlier ones taught it: the base of
 * ./wink-stateless.ts.
 *
 * Why here: what wink's cache learns lives in its closure (the lexeme hash it consults, and `extrinsicLexicon`, the
 * properties of each added lexeme, indexed by lexeme index), with no API to see or shorten it. The first version of
 * the reset (9a9bfee) worked from outside, re-adding every unknown word in every text and loading the model again
 * after 250,000 additions, which cost up to ~200 MB per worker and made raw `local:wink` 0.72× as fast
 * (experiments/results/bench.md, sessions 9 and 10).
 *
 * How: wink-nlp's `src/cache.js` is compiled from its own source with code added inside its closure (ADDED_STATE:
 * `lookup` and `add` check when an added word was last met; `nextDoc`, `trimTo`, `extrinsicLength`), and a private copy
 * of `src/wink-nlp.js` is compiled whose `require('./cache.js')` gets that version; every other wink module is the
 * installed one. Nothing global changes: `require('wink-nlp')` elsewhere still gets the unchanged library. Each place
 * the code goes is checked to occur once, so a wink-nlp whose cache differs fails loudly here instead of reading wrong
 * properties (package.json pins wink-nlp 2.4.0).
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
  /** Starts a new document: words added in earlier ones are checked again before they are used (see ADDED_STATE). */
  nextDoc(): void;
}

type WinkNLP = typeof import('wink-nlp').default;

export interface TrimmableWink {
  /** wink-nlp's factory, as `require('wink-nlp')` would give it. */
  readonly winkNLP: WinkNLP;
  /** The cache an instance made for `core` (the object its model's `core()` returned). */
  cacheOf(core: object): TrimmableCache | undefined;
}

/** Where the added code goes; each anchor occurs exactly once in wink-nlp 2.4.0's src/cache.js. */
const METHODS_ANCHOR = '\n  methods.add = add;\n';
const LOOKUP_ANCHOR = '\n    if ( index === undefined ) return null;\n';
const ADD_ANCHOR = '\n    var normText = text.toLowerCase();\n';
const ADD_INDEXED_ANCHOR =
  "\n    var normIndex = ( normText === text ) ? textIndex : getFeaturesIndex( 'lexeme', normText );\n";

/**
 * Added inside the closure. `seenIn[ i ]` is the document in which added lexeme `lexemeIntrinsicSize + i` was last met
 * or checked. One from an earlier document is invisible to `lookup` (the tokenizer asks it whether a string is a known
 * word) until `add` meets it again with the category it was added with and its normal (lower-cased) form still at the
 * index stored with it: then its properties are what adding it afresh would compute (wink's feature functions read
 * only the word, its category and the model's own vocabulary). Otherwise its hash entry is cleared, and it is added
 * afresh at a new index.
 */
const ADDED_STATE = `
  var seenIn = [];
  var docNo = 0;
  var tokenTypeAt = layout.tokenType;
  var revisit = function ( word, category, normIndex ) {
    var index = lexemesHash[ word ];
    if ( index === undefined || index < lexemeIntrinsicSize ) return;
    var oov = index - lexemeIntrinsicSize;
    if ( seenIn[ oov ] === docNo ) return;
    var at = oov * elPackingSize;
    var packed = extrinsicLexicon[ at + elBasePackingSize + tokenTypeAt[ 0 ] ];
    var sameType = ( ( packed & tokenTypeAt[ 1 ] ) >>> tokenTypeAt[ 2 ] ) === category;
    if ( sameType && ( normIndex === -1 || extrinsicLexicon[ at ] === normIndex ) ) seenIn[ oov ] = docNo;
    else lexemesHash[ word ] = undefined;
  };
  var stamp = function ( index ) {
    if ( index >= lexemeIntrinsicSize ) seenIn[ index - lexemeIntrinsicSize ] = docNo;
  };`;
const ADDED_METHODS = `
  methods.nextDoc = function () { docNo += 1; };
  methods.trimTo = function ( lexemes ) {
    var kept = Math.max( 0, lexemes - lexemeIntrinsicSize );
    extrinsicLexicon.length = kept * elPackingSize;
    seenIn.length = kept;
  };
  methods.extrinsicLength = function () { return extrinsicLexicon.length; };`;
const LOOKUP_VISIBLE =
  '\n    if ( index === undefined ) return null;\n' +
  '    if ( index >= lexemeIntrinsicSize && seenIn[ index - lexemeIntrinsicSize ] !== docNo ) return null;\n';
// A lexeme's normal is itself when the word is lower-case (added alone or as another word's normal form), so the normal
// form is checked by category alone (-1). Without the -1 every capitalised unknown word and its normal form were
// re-added in every text: correct, but the lexeme table grew ~5× faster and the heap with it (session 11).
const ADD_REVISITS =
  '    if ( normText !== text ) revisit( normText, category, -1 );\n' +
  '    revisit( text, category, normText === text ? -1 : lexemesHash[ normText ] );\n';

/** `source` with `by(anchor)` in place of the one occurrence of `anchor`, or an error naming `file`. */
function atAnchor(source: string, file: string, anchor: string, by: string): string {
  const at = source.indexOf(anchor);
  if (at < 0 || source.indexOf(anchor, at + 1) >= 0) {
    throw new Error(`${file} is not the wink-nlp 2.4.0 cache Quiver extends (${JSON.stringify(anchor.trim())})`);
  }
  return source.slice(0, at) + by + source.slice(at + anchor.length);
}

/** wink's cache.js `source` (read from `file`) with the code added, or an error if it is not the expected file. */
export function withTrimMethods(source: string, file: string): string {
  let out = atAnchor(source, file, METHODS_ANCHOR, `${ADDED_STATE}${ADDED_METHODS}${METHODS_ANCHOR}`);
  out = atAnchor(out, file, LOOKUP_ANCHOR, LOOKUP_VISIBLE);
  out = atAnchor(out, file, ADD_ANCHOR, `${ADD_ANCHOR}${ADD_REVISITS}`);
  // Stamped as soon as they have indices: the POS feature looks the normal form up while the word is being added.
  const stamps = '    stamp( textIndex[ 1 ] );\n    stamp( normIndex[ 1 ] );\n';
  return atAnchor(out, file, ADD_INDEXED_ANCHOR, `${ADD_INDEXED_ANCHOR}${stamps}`);
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
