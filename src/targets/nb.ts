/**
 * @module `local:nb`: a naive Bayes classifier trained from a labelled JSONL file (options `train`, `holdout`), so any
 * labelled dataset has a local target. Examples whose id hashes below `holdout` are never trained on: attack those
 * (`heldOutExamples`). A campaign's main thread trains (or loads) the model once and hands it to every worker as plain
 * data (`NbShared`); the trained model is also cached on disk, keyed by the file's SHA-256 and the options, so every
 * later campaign loads it instead of training again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { ConfigError, InputError } from '../core/errors.js';
import { predictionFrom, type Prediction, type Target } from '../core/target.js';
import {
  isHeldOut,
  NB_MODEL_VERSION,
  predictProbabilities,
  trainNb,
  type LabelledText,
  type NbModel,
} from './nb-model.js';

export interface NbOptions {
  /** Labelled JSONL file, one `{"id"?, "text", "label"}` per line (an id defaults to `line-N`, as in datasets). */
  readonly train: string;
  /** Share of examples (by a hash of their id) held out from training. */
  readonly holdout: number;
  /** Laplace smoothing. */
  readonly alpha: number;
  /** Share of the training examples that fit the temperature instead of the counts. */
  readonly calibration: number;
  /**
   * Where trained models are cached (default: `$QUIVER_CACHE_DIR`, or `.quiver-cache` in the current folder); null
   * disables the cache.
   */
  readonly cacheDir: string | null;
}

export const nbDefaults: Omit<NbOptions, 'train' | 'cacheDir'> = { holdout: 0.2, alpha: 1, calibration: 0.1 };

export function resolveNbOptions(options: Readonly<Record<string, unknown>>): NbOptions {
  const known = new Set(['train', 'holdout', 'alpha', 'calibration', 'cacheDir']);
  for (const k of Object.keys(options)) {
    if (!known.has(k))
      throw new ConfigError(`local:nb: unknown option "${k}"; valid options: ${[...known].join(', ')}`);
  }
  const o = { ...nbDefaults, ...options } as Record<string, unknown>;
  if (typeof o.train !== 'string' || o.train === '')
    throw new ConfigError('local:nb needs a labelled training file: --train FILE');
  const fraction = (k: string, lo: number) => {
    const v = o[k];
    if (typeof v !== 'number' || !(v >= lo && v < 1))
      throw new ConfigError(`local:nb: ${k} must be a number in [${lo}, 1), got ${JSON.stringify(v)}`);
    return v;
  };
  if (typeof o.alpha !== 'number' || !(o.alpha > 0))
    throw new ConfigError(`local:nb: alpha must be a number > 0, got ${JSON.stringify(o.alpha)}`);
  if (o.cacheDir !== undefined && o.cacheDir !== null && typeof o.cacheDir !== 'string')
    throw new ConfigError('local:nb: cacheDir must be a path or null');
  return {
    train: resolve(o.train),
    holdout: fraction('holdout', 0),
    alpha: o.alpha,
    calibration: fraction('calibration', 0),
    cacheDir:
      o.cacheDir === null
        ? null
        : resolve((o.cacheDir as string | undefined) ?? process.env.QUIVER_CACHE_DIR ?? '.quiver-cache'),
  };
}

/** Reads a labelled JSONL file; a bad line throws InputError naming the file, line and field. */
export function readLabelled(file: string): LabelledText[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`local:nb: cannot read training file ${file}: ${(err as Error).message}`);
  }
  const out: LabelledText[] = [];
  raw.split('\n').forEach((line, k) => {
    if (line.trim() === '') return;
    const n = k + 1;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new InputError(file, n, '(line)', 'is not valid JSON');
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new InputError(file, n, '(line)', 'must be a JSON object');
    const r = v as Record<string, unknown>;
    if (typeof r.text !== 'string') throw new InputError(file, n, 'text', 'missing or not a string');
    if (typeof r.label !== 'string') throw new InputError(file, n, 'label', 'missing or not a string');
    const id =
      r.id === undefined || r.id === ''
        ? `line-${n}`
        : typeof r.id === 'string' || typeof r.id === 'number'
          ? String(r.id)
          : undefined;
    if (id === undefined) throw new InputError(file, n, 'id', 'must be a string or a number');
    out.push({ id, text: r.text, label: r.label });
  });
  if (out.length === 0) throw new ConfigError(`local:nb: training file ${file} has no examples`);
  return out;
}

/** The examples of `file` that a model trained with this `holdout` never saw, in file order. */
export function heldOutExamples(file: string, holdout = nbDefaults.holdout): LabelledText[] {
  return readLabelled(file).filter((ex) => isHeldOut(ex.id, holdout));
}

export interface LoadedNb {
  readonly model: NbModel;
  /** The cache file, or null when caching is off. */
  readonly cacheFile: string | null;
  readonly fromCache: boolean;
}

export function loadNbModel(opts: NbOptions): LoadedNb {
  let bytes: Buffer;
  try {
    bytes = readFileSync(opts.train);
  } catch (err) {
    throw new ConfigError(`local:nb: cannot read training file ${opts.train}: ${(err as Error).message}`);
  }
  const key = createHash('sha256')
    .update(bytes)
    .update(
      JSON.stringify({ v: NB_MODEL_VERSION, holdout: opts.holdout, alpha: opts.alpha, calibration: opts.calibration }),
    )
    .digest('hex');
  const cacheFile = opts.cacheDir === null ? null : join(opts.cacheDir, `nb-${key}.json`);
  if (cacheFile !== null && existsSync(cacheFile)) {
    try {
      const model = JSON.parse(readFileSync(cacheFile, 'utf8')) as NbModel;
      if (model.type === 'quiver-nb' && model.version === NB_MODEL_VERSION)
        return { model, cacheFile, fromCache: true };
    } catch {
      // A damaged cache file is rebuilt below.
    }
  }
  const model = trainNb(readLabelled(opts.train), opts);
  if (model.labels.length < 2) throw new ConfigError(`local:nb: training file ${opts.train} needs at least two labels`);
  if (cacheFile !== null) {
    try {
      // Worker threads share a pid: the temporary name needs the thread too.
      mkdirSync(opts.cacheDir!, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.${threadId}.tmp`;
      writeFileSync(tmp, JSON.stringify(model));
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only folder only costs a retrain next time.
    }
  }
  return { model, cacheFile, fromCache: false };
}

/** What a campaign's main thread prepares for every worker: the trained model, as plain (structured-clone) data. */
export interface NbShared {
  readonly kind: 'nb-model';
  readonly model: NbModel;
}

/** Trains or loads the model of `options` (checking them), for a campaign's workers. */
export function prepareNbShared(options: Readonly<Record<string, unknown>>): NbShared {
  return { kind: 'nb-model', model: loadNbModel(resolveNbOptions(options)).model };
}

export function createNbTarget(options: Readonly<Record<string, unknown>>): Target {
  return nbTarget(prepareNbShared(options).model);
}

/** The target around a model trained already (in a campaign, by its main thread). */
export function nbTarget(model: NbModel): Target {
  return {
    id: 'local:nb',
    labels: model.labels,
    async predict(texts: readonly string[]): Promise<Prediction[]> {
      return texts.map((t) => {
        const p = predictProbabilities(model, t);
        return predictionFrom(model.labels, Object.fromEntries(model.labels.map((l, c) => [l, p[c]!])));
      });
    },
  };
}
