/**
 * @module Reads the labelled texts a search's surrogate is trained on: a JSONL file, one object per line, with a text
 * and a label field (the campaign dataset's own format). Read once per file and process; a bad line is an InputError
 * naming the file, line and field.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, InputError } from '../../core/errors.js';
import { WordPrior, type LabelledText } from './word-prior.js';

export interface PriorSource {
  /** JSONL file of labelled texts. */
  readonly train: string;
  readonly textField: string;
  readonly labelField: string;
  /**
   * Skip lines without a usable text and label instead of failing: set for the prior a campaign derives from its own
   * dataset, whose reader decides what is an error there (and may stop at --limit before a bad line).
   */
  readonly skipInvalid?: boolean;
}

const loaded = new Map<string, { prior: WordPrior; trainMs: number }>();

export function readLabelledTexts(source: PriorSource): LabelledText[] {
  let raw: string;
  try {
    raw = readFileSync(source.train, 'utf8');
  } catch (err) {
    throw new ConfigError(`search prior: cannot read ${source.train}: ${(err as Error).message}`);
  }
  const out: LabelledText[] = [];
  raw.split('\n').forEach((line, k) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      if (source.skipInvalid === true) return;
      throw new InputError(source.train, k + 1, '(line)', 'not a JSON object');
    }
    const get = (field: string): string => {
      const v = (row as Record<string, unknown> | null)?.[field];
      if (typeof v === 'string' && v.trim() !== '') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw new InputError(
        source.train,
        k + 1,
        field,
        v === undefined ? 'missing' : `must be a non-empty string, got ${JSON.stringify(v)}`,
      );
    };
    try {
      out.push({ text: get(source.textField), label: get(source.labelField) });
    } catch (err) {
      if (!(source.skipInvalid === true && err instanceof InputError)) throw err;
    }
  });
  if (out.length === 0) throw new ConfigError(`search prior: ${source.train} holds no labelled texts`);
  return out;
}

/** The surrogate trained on `source`, built once per file in this process, with how long training took. */
export function loadPrior(source: PriorSource): { prior: WordPrior; trainMs: number } {
  const key = JSON.stringify([source.train, source.textField, source.labelField, source.skipInvalid === true]);
  let hit = loaded.get(key);
  if (hit === undefined) {
    const started = performance.now();
    const prior = new WordPrior(readLabelledTexts(source));
    hit = { prior, trainMs: performance.now() - started };
    loaded.set(key, hit);
  }
  return hit;
}
