/**
 * @module `hf:<dir>` and `local:nn`: a local Hugging Face text classifier (ONNX export) run in-process with
 * onnxruntime-node and @huggingface/tokenizers (pure JS, no network). Labels come from config.json `id2label`,
 * scores are the softmax of the `logits` output.
 *
 * Texts are grouped by token length and each group goes through the model in calls of at most `batchSize` texts:
 * nothing is padded, so no compute goes to padded positions (attention is quadratic in them) and a text's scores do
 * not depend on the other texts' lengths. The engine's candidates for one example mostly share a few lengths, so
 * the groups stay large. A text's scores can still differ in the last float32 bits (~1e-7) between a call of one
 * row and one of many, where onnxruntime picks other GEMM kernels; a campaign is deterministic all the same, since
 * an example's searches send the same calls in any worker.
 *
 * Threads: each session gets cores ÷ worker threads intra-op threads (at least 1), so N workers × threads fit the
 * cores; in the main thread (replay, label probing) it takes all cores.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import { ConfigError, errorMessage } from '../../core/errors.js';
import { predictionFrom, type Prediction, type Target } from '../../core/target.js';
import { readHfFolder, type HfFolder } from './folder.js';
import { type Encode, wordCachedEncode } from './word-cached-encoder.js';

export interface HfOptions {
  /** Most texts per model call. */
  readonly batchSize: number;
  /** Intra-op threads per session; default: cores ÷ worker threads. */
  readonly threads?: number;
}

export const HF_DEFAULT_BATCH_SIZE = 32;

const REQUIRED_INPUTS = ['input_ids', 'attention_mask'];
const OPTIONAL_INPUTS = ['token_type_ids'];
const OUTPUT = 'logits';

export function resolveHfOptions(spec: string, options: Readonly<Record<string, unknown>>): HfOptions {
  const known = ['batchSize', 'threads'];
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw new ConfigError(`${spec}: unknown option "${k}"; valid options: ${known.join(', ')}`);
  }
  const int = (k: string): number | undefined => {
    const v = options[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw new ConfigError(`${spec}: ${k} must be a whole number >= 1, got ${JSON.stringify(v)}`);
    return v;
  };
  const threads = int('threads');
  return { batchSize: int('batchSize') ?? HF_DEFAULT_BATCH_SIZE, ...(threads === undefined ? {} : { threads }) };
}

/** Intra-op threads for one session: the cores shared among the pool's worker threads. */
export function sessionThreads(cores = availableParallelism(), pool = poolSizeOfThisThread()): number {
  return Math.max(1, Math.floor(cores / Math.max(1, pool)));
}

/**
 * Worker threads in this thread's pool, from the data the pool hands each worker (`poolSize` in the worker protocol,
 * read here without importing it: targets sit below the worker layer); 1 in the main thread.
 */
function poolSizeOfThisThread(): number {
  if (isMainThread) return 1;
  const data: { readonly poolSize?: unknown } | null | undefined = workerData;
  return typeof data?.poolSize === 'number' ? data.poolSize : 1;
}

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

/**
 * `use`: `check` loads the model only to check it (inputs, outputs, a test prediction) and learn its labels, with no
 * graph optimisation: its scores may then differ in the last bits from a campaign session's, and it never attacks.
 */
export async function createHfTarget(
  spec: string,
  dir: string,
  options: Readonly<Record<string, unknown>>,
  use: 'attack' | 'check' = 'attack',
): Promise<Target> {
  const opts = resolveHfOptions(spec, options);
  const folder = readHfFolder(spec, dir);
  const tokenize = await loadTokenizer(folder);
  const ort = await import('onnxruntime-node');
  const session = await openSession(ort, folder, opts.threads ?? sessionThreads(), use === 'attack');
  const feedTypes = session.inputNames.includes('token_type_ids');
  const { labels } = folder;

  /** Token ids of `text`, cut to the model's length (keeping the last token, [SEP] for BERT-style templates). */
  const encode = (text: string): number[] => {
    let ids = tokenize(text);
    if (ids.length === 0) ids = [0]; // a tokenizer without special tokens gives nothing for "": one token, id 0
    if (ids.length > folder.maxLength) ids = [...ids.slice(0, folder.maxLength - 1), ids.at(-1)!];
    return ids;
  };

  const run = async (rows: readonly number[][]): Promise<Float32Array> => {
    const n = rows.length;
    const len = rows[0]!.length;
    // int64 ids written as the low word of each pair through an int32 view (little-endian, as every platform
    // onnxruntime-node ships for; ids are small and non-negative): no BigInt per token.
    const ids = new BigInt64Array(n * len);
    const words = new Int32Array(ids.buffer);
    rows.forEach((r, i) => {
      for (let t = 0; t < len; t++) words[2 * (i * len + t)] = r[t]!;
    });
    const mask = new BigInt64Array(n * len).fill(1n);
    const feeds: Record<string, import('onnxruntime-node').Tensor> = {
      input_ids: new ort.Tensor('int64', ids, [n, len]),
      attention_mask: new ort.Tensor('int64', mask, [n, len]),
      // One text per row: every token is in segment 0.
      ...(feedTypes ? { token_type_ids: new ort.Tensor('int64', new BigInt64Array(n * len), [n, len]) } : {}),
    };
    const out = (await session.run(feeds, [OUTPUT]))[OUTPUT]!;
    if (out.dims.length !== 2 || out.dims[0] !== n || out.dims[1] !== labels.length || out.type !== 'float32') {
      throw new ConfigError(
        `${folder.modelFile}: output "${OUTPUT}" is ${out.type} [${out.dims.join(', ')}], expected float32 ` +
          `[${n}, ${labels.length}] ` +
          `(${labels.length} labels in ${folder.dir}/config.json id2label)`,
      );
    }
    return out.data as Float32Array;
  };

  const predict = async (texts: readonly string[]): Promise<Prediction[]> => {
    const out = new Array<Prediction>(texts.length);
    const byLength = new Map<number, number[]>();
    const encoded = texts.map(encode);
    encoded.forEach((e, i) => {
      const group = byLength.get(e.length);
      if (group === undefined) byLength.set(e.length, [i]);
      else group.push(i);
    });
    for (const group of byLength.values()) {
      for (let start = 0; start < group.length; start += opts.batchSize) {
        const chunk = group.slice(start, start + opts.batchSize);
        const logits = await run(chunk.map((i) => encoded[i]!));
        chunk.forEach((i, row) => {
          out[i] = predictionFrom(
            labels,
            softmax(labels, logits.subarray(row * labels.length, (row + 1) * labels.length)),
          );
        });
      }
    }
    return out;
  };

  // Fails here, at load time (a ConfigError: exit 2, nothing written), when logits do not match id2label.
  try {
    await predict(['']);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${folder.modelFile}: a test prediction failed: ${errorMessage(err)}`, { cause: err });
  }

  return {
    id: spec,
    labels,
    predict,
    close: async () => {
      await session.release();
    },
  };
}

/** The tokenizer's `encode` (ids with special tokens), word-cached where that is exact (word-cached-encoder.ts). */
async function loadTokenizer(folder: HfFolder): Promise<Encode> {
  const { Tokenizer } = await import('@huggingface/tokenizers');
  const file = `${folder.dir}/tokenizer.json`;
  try {
    const tokenizer = new Tokenizer(folder.tokenizerJson, folder.tokenizerConfig);
    tokenizer.encode('probe');
    return wordCachedEncode(tokenizer, folder.tokenizerJson, folder.tokenizerConfig).encode;
  } catch (err) {
    throw new ConfigError(`${file}: @huggingface/tokenizers cannot use it: ${errorMessage(err)}`, { cause: err });
  }
}

async function openSession(ort: Ort, folder: HfFolder, threads: number, optimize: boolean): Promise<Session> {
  let session: Session;
  try {
    session = await ort.InferenceSession.create(folder.modelFile, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: optimize ? 'all' : 'disabled',
      logSeverityLevel: 3,
      // Idle intra-op threads sleep instead of spinning: the engine's work between model calls (and the other
      // workers' sessions) needs those cores; spinning made a 2-thread session 2x slower on 2 busy cores.
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });
  } catch (err) {
    throw new ConfigError(`${folder.modelFile}: onnxruntime cannot load it: ${errorMessage(err)}`, { cause: err });
  }
  const inputs = session.inputNames;
  const missing = REQUIRED_INPUTS.filter((n) => !inputs.includes(n));
  const unexpected = inputs.filter((n) => !REQUIRED_INPUTS.includes(n) && !OPTIONAL_INPUTS.includes(n));
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`missing input(s) ${missing.join(', ')}`);
  if (unexpected.length > 0) problems.push(`unexpected input(s) ${unexpected.join(', ')}`);
  if (!session.outputNames.includes(OUTPUT)) problems.push(`no output "${OUTPUT}"`);
  if (problems.length > 0) {
    await session.release();
    throw new ConfigError(
      `${folder.modelFile}: ${problems.join('; ')} (the model has inputs [${inputs.join(', ')}] and outputs ` +
        `[${session.outputNames.join(', ')}]; a text-classification export takes input_ids, attention_mask and ` +
        `optionally ` +
        `token_type_ids, and outputs logits)`,
    );
  }
  return session;
}

/** Softmax in double precision over float32 logits: probabilities summing to 1 within 1e-15. */
function softmax(labels: readonly string[], logits: Float32Array): Record<string, number> {
  let max = -Infinity;
  for (const z of logits) max = Math.max(max, z);
  const e = Array.from(logits, (z) => Math.exp(z - max));
  const sum = e.reduce((a, b) => a + b, 0);
  const scores: Record<string, number> = {};
  labels.forEach((l, c) => {
    scores[l] = e[c]! / sum;
  });
  return scores;
}
