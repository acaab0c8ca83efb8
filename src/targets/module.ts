/**
 * @module `module:<path>`: a user's JS/TS module exporting `predict(texts)` (and optionally `labels`) used as a target.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, errorMessage } from '../core/errors.js';
import type { Prediction, Target } from '../core/target.js';

/**
 * What a user module exports, either as named exports or as the properties of its default export.
 * `predict` may be sync or async. Without `labels`, the labels are discovered once at load time (see below).
 */
export interface UserTargetModule {
  predict(texts: string[]): Promise<unknown> | unknown;
  labels?: readonly string[];
  close?(): Promise<void> | void;
}

export const MODULE_PREFIX = 'module:';

/** Scores are accepted as probabilities if they sum to 1 within this (float32 softmax outputs are off by ~1e-7). */
const SUM_TOLERANCE = 1e-4;

/**
 * Loads the module at `modulePath` (resolved against process.cwd()). Load-time problems (missing file, import
 * failure, wrong exports, bad labels) are ConfigErrors; a bad prediction at run time is a plain Error, as the
 * engine records target failures. Both name the module's absolute path.
 *
 * Labels without a `labels` export: the engine needs them before the first real prediction, so they are the keys
 * of the scores of one probe prediction on the empty string (the input with the least content, and the one whose
 * answer depends least on what is being attacked), in the order the module wrote them. A module that cannot
 * answer "" or omits labels from its scores must export `labels`.
 */
export async function createModuleTarget(modulePath: string): Promise<Target> {
  const id = `${MODULE_PREFIX}${modulePath}`;
  if (modulePath.trim() === '') throw new ConfigError(`target "${id}" needs a path, e.g. module:./my-model.js`);
  const file = resolve(process.cwd(), modulePath);
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new ConfigError(`target module not found: ${file} (from "${id}", resolved against ${process.cwd()})`);
  }

  const source = exportsOf(await importModule(file), file);
  const where = `target module ${file}`;
  let labelSet: ReadonlySet<string> | undefined; // unknown until the probe below has run
  const call = async (texts: readonly string[]): Promise<Prediction[]> => {
    let raw: unknown;
    try {
      raw = await source.predict(texts.slice()); // a copy: the module may not mutate the caller's batch
    } catch (err) {
      throw new Error(`${where}: predict failed: ${errorMessage(err)}`, { cause: err });
    }
    return checkPredictions(raw, texts, labelSet, where);
  };

  let labels: readonly string[];
  if (source.labels !== undefined) {
    labels = checkLabels(source.labels, where);
  } else {
    let probe: Prediction;
    try {
      [probe] = (await call([''])) as [Prediction];
    } catch (err) {
      throw new ConfigError(
        `${where} exports no "labels", and the probe predict([""]) used to discover them failed: ${errorMessage(err)}`,
        { cause: err },
      );
    }
    labels = checkLabels(Object.keys(probe.scores), `${where} (labels taken from the scores of predict([""]))`);
  }
  labelSet = new Set(labels);

  const close = source.close;
  return {
    id,
    labels,
    predict: call,
    ...(close === undefined ? {} : { close: async () => void (await close.call(source)) }),
  };
}

/** TypeScript files, which Node cannot import by itself: they load through tsx (a runtime dependency). */
const TYPESCRIPT_FILE = /\.(ts|mts|cts|tsx)$/i;

/**
 * Imports a user's module file; `kind` names what it is for in messages ("target", "judge"). A TypeScript file loads
 * through tsx's scoped import, in whatever thread asks (worker threads do not inherit loaders), so `module:model.ts`
 * works from the installed package without `node --import tsx`; tsx itself loads only then.
 */
export async function importModule(file: string, kind = 'target'): Promise<unknown> {
  try {
    const url = pathToFileURL(file).href;
    if (!TYPESCRIPT_FILE.test(file)) return await import(url);
    const { tsImport } = await import('tsx/esm/api');
    return await tsImport(url, import.meta.url);
  } catch (err) {
    throw new ConfigError(`cannot load ${kind} module ${file}: ${errorMessage(err)}`, { cause: err });
  }
}

function exportsOf(ns: unknown, file: string): UserTargetModule {
  const mod = ns as Record<string, unknown>;
  const def = mod.default;
  const source =
    typeof mod.predict === 'function'
      ? mod
      : typeof def === 'object' && def !== null && typeof (def as Record<string, unknown>).predict === 'function'
        ? (def as Record<string, unknown>)
        : undefined;
  if (source === undefined) {
    throw new ConfigError(
      `target module ${file} must export a function predict(texts: string[]): ` +
        `Promise<{ label: string, scores: Record<string, number> }[]> (as a named export or on its default export)`,
    );
  }
  if (source.close !== undefined && typeof source.close !== 'function') {
    throw new ConfigError(`target module ${file}: "close" must be a function`);
  }
  return source as unknown as UserTargetModule;
}

function checkLabels(labels: unknown, where: string): readonly string[] {
  if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || l === '')) {
    throw new ConfigError(`${where}: "labels" must be an array of non-empty strings`);
  }
  if (new Set(labels).size !== labels.length) throw new ConfigError(`${where}: "labels" has duplicates`);
  // A single label can never flip; usually it means the probe's scores named only the winning label.
  if (labels.length < 2) {
    throw new ConfigError(`${where}: needs at least 2 labels, got [${labels.join(', ')}]; export "labels"`);
  }
  return Object.freeze([...(labels as string[])]);
}

function checkPredictions(
  raw: unknown,
  texts: readonly string[],
  labels: ReadonlySet<string> | undefined,
  where: string,
): Prediction[] {
  if (!Array.isArray(raw)) throw new Error(`${where}: predict must return an array, got ${typeof raw}`);
  if (raw.length !== texts.length) {
    throw new Error(`${where}: predict returned ${raw.length} predictions for ${texts.length} texts`);
  }
  const out = new Array<Prediction>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const fail = (problem: string): Error =>
      new Error(`${where}: prediction ${i} (text ${JSON.stringify(clip(texts[i]!))}): ${problem}`);
    const p = raw[i] as { label?: unknown; scores?: unknown } | null;
    if (typeof p !== 'object' || p === null) throw fail('must be an object { label, scores }');
    const { label, scores } = p;
    if (typeof label !== 'string') throw fail(`label must be a string, got ${typeof label}`);
    if (typeof scores !== 'object' || scores === null) throw fail('scores must be an object of label -> number');
    let sum = 0;
    for (const [key, value] of Object.entries(scores)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw fail(`scores[${JSON.stringify(key)}] must be a finite number, got ${String(value)}`);
      }
      if (labels !== undefined && !labels.has(key)) throw fail(`scores has unknown label ${JSON.stringify(key)}`);
      if (value < 0 || value > 1) throw fail(`scores[${JSON.stringify(key)}] = ${value} is not a probability`);
      sum += value;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) throw fail(`scores sum to ${sum}, not 1 (apply softmax in the module)`);
    if (labels === undefined ? !Object.hasOwn(scores, label) : !labels.has(label)) {
      throw fail(`label ${JSON.stringify(label)} is not one of the target's labels`);
    }
    out[i] = { label, scores: scores as Record<string, number> };
  }
  return out;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
