import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import seedrandom from 'seedrandom';
import { sst2DevVariants } from '../../testing/text-variants.js';
import { BUNDLED_NN_DIR } from './bundled.js';
import { type TokenizerLike, wordCacheApplies, wordCachedEncode } from './word-cached-encoder.js';

type Json = Record<string, unknown>;
const tokenizerJson = JSON.parse(readFileSync(join(BUNDLED_NN_DIR, 'tokenizer.json'), 'utf8')) as Json;
const tokenizerConfig = JSON.parse(readFileSync(join(BUNDLED_NN_DIR, 'tokenizer_config.json'), 'utf8')) as Json;

/** The bundled (BERT-style WordPiece) tokenizer, counting the texts it is asked to encode. */
function countingTokenizer(): { tokenizer: TokenizerLike; calls: () => number } {
  const inner = new Tokenizer(tokenizerJson, tokenizerConfig);
  let calls = 0;
  return {
    tokenizer: {
      encode: (text, options) => {
        calls++;
        return inner.encode(text, options);
      },
    },
    calls: () => calls,
  };
}

const library = new Tokenizer(tokenizerJson, tokenizerConfig);

test('word-cached encode: identical to the library on SST-2 dev, each text in eight variants', () => {
  const { encode, cached } = wordCachedEncode(countingTokenizer().tokenizer, tokenizerJson, tokenizerConfig);
  assert.equal(cached, true);
  const texts = sst2DevVariants();
  for (const text of texts) assert.deepEqual(encode(text), library.encode(text).ids, text);
  assert.equal(texts.length, 872 * 8);
});

test('word-cached encode: identical on seeded random texts of spaces, marks, added tokens and non-ASCII', () => {
  const { encode } = wordCachedEncode(countingTokenizer().tokenizer, tokenizerJson, tokenizerConfig);
  const rng = seedrandom('word-cached-encoder');
  const pieces = ['good', 'GOOD', 'un-funny', "don't", 'film', '!', '?!', '.', ',', '"', '(', ')', '##ing', 'x'];
  pieces.push('[SEP]', '[cls]', '[UNK', 'PAD]', 'café', 'naïve', '中文', 'Ωmega', '\t', '\u00a0', '\u200b', '\n');
  pieces.push('', ' ', '  ', 'supercalifragilisticexpialidocious'.repeat(4), '123', '$5', 'e-mail@x.org');
  for (let k = 0; k < 4000; k++) {
    const n = Math.floor(rng() * 12);
    let text = '';
    for (let i = 0; i < n; i++) text += pieces[Math.floor(rng() * pieces.length)]! + (rng() < 0.7 ? ' ' : '');
    assert.deepEqual(encode(text), library.encode(text).ids, JSON.stringify(text));
  }
});

test('word-cached encode: a text of known words does not go through the library again', () => {
  const { tokenizer, calls } = countingTokenizer();
  const { encode } = wordCachedEncode(tokenizer, tokenizerJson, tokenizerConfig);
  encode('a gripping , funny film');
  const before = calls();
  encode('a funny , gripping film');
  encode('film funny a');
  assert.equal(calls(), before);
  encode('a gripping , hilarious film');
  assert.equal(calls(), before + 1, 'one new word, one library call');
  encode('a café film'); // outside printable ASCII: the whole text goes to the library
  assert.equal(calls(), before + 2);
});

test('word-cached encode: only tokenizers that split at whitespace before anything else use the cache', () => {
  const withParts = (parts: Json): Json => ({ ...tokenizerJson, ...parts });
  const cases: [string, Json, boolean][] = [
    ['bundled BERT WordPiece', tokenizerJson, true],
    [
      'Whitespace pre-tokenizer, no normalizer',
      withParts({ normalizer: null, pre_tokenizer: { type: 'Whitespace' } }),
      true,
    ],
    [
      'a Sequence of char-local normalizers',
      withParts({ normalizer: { type: 'Sequence', normalizers: [{ type: 'NFD' }, { type: 'Lowercase' }] } }),
      true,
    ],
    [
      'byte-level BPE pre-tokenizer',
      withParts({ pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false } }),
      false,
    ],
    ['Metaspace (SentencePiece)', withParts({ pre_tokenizer: { type: 'Metaspace', replacement: '▁' } }), false],
    ['no pre-tokenizer', withParts({ pre_tokenizer: null }), false],
    [
      'a Replace normalizer in the sequence',
      withParts({
        normalizer: { type: 'Sequence', normalizers: [{ type: 'Replace', pattern: { String: ' ' }, content: '_' }] },
      }),
      false,
    ],
  ];
  for (const [what, json, expected] of cases) assert.equal(wordCacheApplies(json, tokenizerConfig), expected, what);
  assert.equal(wordCacheApplies(tokenizerJson, { do_lowercase_and_remove_accent: true }), false);

  const { tokenizer, calls } = countingTokenizer();
  const byteLevel = withParts({ pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false } });
  const { encode, cached } = wordCachedEncode(tokenizer, byteLevel, tokenizerConfig);
  assert.equal(cached, false);
  encode('a film');
  encode('a film');
  assert.equal(calls(), 2, 'every text through the library');
});

test('word-cached encode: a text holding an added token goes to the library (a token may span words)', () => {
  const vocabSize = Object.keys((tokenizerJson.model as { vocab: object }).vocab).length;
  const phrase = { id: vocabSize, content: 'new york', single_word: false, lstrip: false, rstrip: false };
  const json = {
    ...tokenizerJson,
    added_tokens: [...(tokenizerJson.added_tokens as object[]), { ...phrase, normalized: false, special: false }],
  };
  const withPhrase = new Tokenizer(json, tokenizerConfig);
  const { encode, cached } = wordCachedEncode(withPhrase, json, tokenizerConfig);
  assert.equal(cached, true);
  for (const text of ['i love new york', 'new york , new york', 'newer york', 'New York']) {
    assert.deepEqual(encode(text), withPhrase.encode(text).ids, text);
  }
  assert.ok(withPhrase.encode('i love new york').ids.includes(vocabSize), 'the library reads the phrase as one token');
});
