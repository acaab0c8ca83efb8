/**
 * @module A small multinomial naive Bayes text classifier (binarized counts, Laplace smoothing) with a temperature
 * fitted on a calibration slice, so its probabilities are continuous enough for a search to follow. Pure data in,
 * plain JSON model out; no I/O.
 */
import { createHash } from 'node:crypto';

export interface LabelledText {
  readonly id: string;
  readonly text: string;
  readonly label: string;
}

export interface NbModel {
  readonly type: 'quiver-nb';
  readonly version: number;
  /** Sorted, so the order never depends on the file. */
  readonly labels: readonly string[];
  readonly logPrior: readonly number[];
  /** log p(word | label), per label in `labels` order. */
  readonly logLikelihood: Readonly<Record<string, readonly number[]>>;
  /** Logits are divided by this before the softmax. */
  readonly temperature: number;
  readonly trainedOn: number;
  readonly calibratedOn: number;
}

export const NB_MODEL_VERSION = 1;

const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Lower-cased word tokens, each counted once per text (binarized naive Bayes: better for short texts). */
export function tokens(text: string): Set<string> {
  return new Set(Array.from(text.toLowerCase().matchAll(TOKEN), (m) => m[0]));
}

/** A stable draw in [0, 1) from an example id (and a salt), so splits never depend on file order. */
export function idHash(id: string, salt = ''): number {
  return createHash('sha256').update(`${salt}${id}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** Held out from training (and therefore safe to attack) when the id's hash falls below `holdout`. */
export function isHeldOut(id: string, holdout: number): boolean {
  return idHash(id) < holdout;
}

export function fitCounts(
  data: readonly LabelledText[],
  labels: readonly string[],
  alpha: number,
): Pick<NbModel, 'logPrior' | 'logLikelihood'> {
  const docs = labels.map(() => 0);
  const totals = labels.map(() => 0);
  const counts = new Map<string, number[]>();
  for (const ex of data) {
    const c = labels.indexOf(ex.label);
    docs[c]!++;
    for (const w of tokens(ex.text)) {
      let row = counts.get(w);
      if (row === undefined) {
        row = labels.map(() => 0);
        counts.set(w, row);
      }
      row[c]!++;
      totals[c]!++;
    }
  }
  const vocab = counts.size;
  const logPrior = docs.map((d) => Math.log((d + 1) / (data.length + labels.length)));
  const logLikelihood: Record<string, number[]> = {};
  for (const w of [...counts.keys()].sort()) {
    logLikelihood[w] = counts.get(w)!.map((n, c) => round(Math.log((n + alpha) / (totals[c]! + alpha * vocab))));
  }
  return { logPrior, logLikelihood };
}

/** Unnormalised log scores per label; words never seen in training are ignored. */
export function logits(model: Pick<NbModel, 'logPrior' | 'logLikelihood'>, text: string): number[] {
  const out = [...model.logPrior];
  for (const w of tokens(text)) {
    // hasOwn: "constructor" is a word too, and a plain object would answer with Object.prototype's.
    if (!Object.hasOwn(model.logLikelihood, w)) continue;
    const row = model.logLikelihood[w]!;
    for (let c = 0; c < out.length; c++) out[c]! += row[c]!;
  }
  return out;
}

export function softmax(xs: readonly number[], temperature: number): number[] {
  const max = Math.max(...xs);
  const e = xs.map((x) => Math.exp((x - max) / temperature));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

/**
 * The temperature that maximises the calibration slice's log-likelihood, by a golden-section search over log T in
 * [log 0.05, log 200] (the likelihood is unimodal in T for a fixed model).
 */
export function fitTemperature(
  model: Pick<NbModel, 'logPrior' | 'logLikelihood'>,
  labels: readonly string[],
  calib: readonly LabelledText[],
): number {
  if (calib.length === 0) return 1;
  const rows = calib.map((ex) => ({ z: logits(model, ex.text), y: labels.indexOf(ex.label) }));
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let s = 0;
    for (const r of rows) s -= Math.log(Math.max(softmax(r.z, t)[r.y]!, 1e-300));
    return s;
  };
  let lo = Math.log(0.05);
  let hi = Math.log(200);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 60; k++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return round(Math.exp((lo + hi) / 2));
}

/**
 * Trains on every example that is not held out: most of them fit the counts, a slice chosen by a second hash fits
 * the temperature. `calibration` is the share of the training examples used for that slice.
 */
export function trainNb(
  data: readonly LabelledText[],
  opts: { holdout: number; alpha: number; calibration: number },
): NbModel {
  const labels = [...new Set(data.map((d) => d.label))].sort();
  const usable = data.filter((d) => !isHeldOut(d.id, opts.holdout));
  const calib = usable.filter((d) => idHash(d.id, 'calibration:') < opts.calibration);
  const train = usable.filter((d) => !(idHash(d.id, 'calibration:') < opts.calibration));
  const fitted = fitCounts(train, labels, opts.alpha);
  return {
    type: 'quiver-nb',
    version: NB_MODEL_VERSION,
    labels,
    ...fitted,
    temperature: fitTemperature(fitted, labels, calib),
    trainedOn: train.length,
    calibratedOn: calib.length,
  };
}

export function predictProbabilities(model: NbModel, text: string): number[] {
  return softmax(logits(model, text), model.temperature);
}

/** Six significant digits keep the cached JSON small without changing any prediction that matters. */
function round(x: number): number {
  return Number(x.toPrecision(6));
}
