/**
 * @module A faster `encode` for the tokenizers whose output for a plain-ASCII text is the concatenation of what each
 * space-separated word gives alone: BERT-style WordPiece exports (BertNormalizer, BertPreTokenizer) and other
 * whitespace-split tokenizers. The engine's candidates are one-word variants of the same sentence, so nearly every
 * word is one this tokenizer has seen: each word's ids come from a cache, and only new words go through
 * @huggingface/tokenizers. On SST-2 sentences the library takes ~30 µs per text (its normaliser, pre-tokeniser and
 * WordPiece run on every character of every candidate), most of what a small model such as `local:nn` costs.
 *
 * Why a word's ids cannot depend on its neighbours here, for a text of printable ASCII without added tokens:
 * - the listed normalisers act on each character alone (lower-casing; control-character removal, CJK spacing and
 *   accent stripping do nothing to printable ASCII);
 * - the listed pre-tokenisers first split at whitespace, and the model then encodes each piece on its own;
 * - an added token (such as "[SEP]") found inside the text changes how the library splits it: such texts, and any
 *   text with a character outside printable ASCII, go to the library unchanged.
 * Anything else (byte-level BPE, Metaspace, an unknown normaliser, a post-processor that is not a fixed prefix and
 * suffix) keeps the library for every text. The tests compare both on thousands of texts.
 */

/** What this module needs from @huggingface/tokenizers' Tokenizer. */
export interface TokenizerLike {
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[] };
}

/** The ids of `text`, special tokens included. */
export type Encode = (text: string) => number[];

const CHAR_LOCAL_NORMALIZERS = new Set(['BertNormalizer', 'Lowercase', 'StripAccents', 'NFC', 'NFD', 'NFKC', 'NFKD']);
const WHITESPACE_FIRST_PRE_TOKENIZERS = new Set(['BertPreTokenizer', 'Whitespace', 'WhitespaceSplit']);
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Words held at most; the cache starts again when full (a campaign's vocabulary is far smaller). */
const MAX_CACHED_WORDS = 200_000;

type Json = Readonly<Record<string, unknown>>;

const typeOf = (part: unknown): string | null =>
  typeof part === 'object' && part !== null && typeof (part as Json).type === 'string'
    ? ((part as Json).type as string)
    : null;

function charLocalNormalizer(normalizer: unknown): boolean {
  if (normalizer === null || normalizer === undefined) return true;
  const type = typeOf(normalizer);
  if (type === 'Sequence') {
    const parts = (normalizer as Json).normalizers;
    return Array.isArray(parts) && parts.every(charLocalNormalizer);
  }
  return type !== null && CHAR_LOCAL_NORMALIZERS.has(type);
}

/** Whether `tokenizerJson` (and its config) has the shape that makes the word cache exact. */
export function wordCacheApplies(tokenizerJson: Json, tokenizerConfig: Json): boolean {
  const pre = typeOf(tokenizerJson.pre_tokenizer);
  return (
    charLocalNormalizer(tokenizerJson.normalizer) &&
    pre !== null &&
    WHITESPACE_FIRST_PRE_TOKENIZERS.has(pre) &&
    // The library lower-cases and strips accents on the whole text for this flag; harmless on ASCII, but rare
    // enough not to trust untested.
    tokenizerConfig.do_lowercase_and_remove_accent !== true
  );
}

/** The special-token ids the post-processor puts before and after a text's own ids, learnt from probe texts. */
function frame(tokenizer: TokenizerLike): { prefix: number[]; suffix: number[] } | null {
  let found: { prefix: number[]; suffix: number[] } | null = null;
  for (const probe of ['a', 'the film', 'Quiver, 2026!']) {
    const full = tokenizer.encode(probe).ids;
    const bare = tokenizer.encode(probe, { add_special_tokens: false }).ids;
    if (bare.length === 0 || full.length < bare.length) return null;
    let at = -1;
    for (let i = 0; i + bare.length <= full.length && at < 0; i++) {
      if (bare.every((id, k) => full[i + k] === id)) at = i;
    }
    if (at < 0) return null;
    const f = { prefix: full.slice(0, at), suffix: full.slice(at + bare.length) };
    if (found !== null && (found.prefix.join() !== f.prefix.join() || found.suffix.join() !== f.suffix.join()))
      return null;
    found = f;
  }
  return found;
}

/**
 * `encode` for `tokenizer`: word-cached when its configuration (`tokenizerJson`, `tokenizerConfig`) allows (see the
 * module comment), else the library's own.
 */
export function wordCachedEncode(
  tokenizer: TokenizerLike,
  tokenizerJson: Json,
  tokenizerConfig: Json,
): { encode: Encode; cached: boolean } {
  const library: Encode = (text) => tokenizer.encode(text).ids;
  const shape = wordCacheApplies(tokenizerJson, tokenizerConfig) ? frame(tokenizer) : null;
  if (shape === null) return { encode: library, cached: false };
  const added = addedTokenContents(tokenizerJson).map((c) => c.toLowerCase());
  const { prefix, suffix } = shape;
  let words = new Map<string, readonly number[]>();

  const encode: Encode = (text) => {
    if (!PRINTABLE_ASCII.test(text)) return library(text);
    const lower = text.toLowerCase();
    for (const c of added) if (lower.includes(c)) return library(text);
    const ids = [...prefix];
    let any = false;
    for (const word of text.split(' ')) {
      if (word === '') continue;
      any = true;
      let wordIds = words.get(word);
      if (wordIds === undefined) {
        wordIds = tokenizer.encode(word, { add_special_tokens: false }).ids;
        if (words.size >= MAX_CACHED_WORDS) words = new Map();
        words.set(word, wordIds);
      }
      for (const id of wordIds) ids.push(id);
    }
    // A text of spaces only: the library decides what an empty text gives.
    if (!any) return library(text);
    for (const id of suffix) ids.push(id);
    return ids;
  };
  return { encode, cached: true };
}

function addedTokenContents(tokenizerJson: Json): string[] {
  const list = tokenizerJson.added_tokens;
  if (!Array.isArray(list)) return [];
  return list
    .map((t) => (typeof t === 'object' && t !== null ? (t as Json).content : undefined))
    .filter((c): c is string => typeof c === 'string' && c !== '');
}
