/**
 * @module Dataset validation and streaming. `scanDataset` reads the whole file once (hash, count, every problem named
 * by file, line and field) before a campaign writes anything; `readExamples` then streams the valid examples, so a
 * 100,000-line dataset never sits in memory.
 */
import { createHash } from 'node:crypto';
import { ConfigError, InputError } from '../core/errors.js';
import type { Example } from '../contracts/record.js';
import { readRows, type DatasetSpec, type Row } from './dataset-format.js';
import { mapLabel } from './label-map.js';
import { defaultTextLimits, textProblem } from './text-check.js';

export interface InvalidLine {
  readonly line: number;
  readonly message: string;
}

export interface DatasetScan {
  readonly path: string;
  readonly sha256: string;
  /** Valid examples in the file. */
  readonly total: number;
  readonly invalidCount: number;
  /** The first invalid lines (at most 20), with --skip-invalid. */
  readonly invalid: readonly InvalidLine[];
}

type Checked = { readonly example: Omit<Example, 'index'> } | { readonly problem: InputError };

function check(spec: DatasetSpec, row: Row, known: ReadonlySet<string>, labels: readonly string[]): Checked {
  const { path, fields } = spec;
  if ('error' in row) return { problem: new InputError(path, row.line, row.field, row.error) };
  const v = row.value;
  const text = v[fields.text];
  const bad = (field: string, problem: string): Checked => ({
    problem: new InputError(path, row.line, field, problem),
  });
  // A missing field usually means the file names it differently: say which fields the line has.
  const missing = (flag: string) =>
    `missing (the line has ${
      Object.keys(v)
        .map((k) => `"${k}"`)
        .join(', ') || 'no fields'
    }; name the field with ${flag})`;
  if (typeof text !== 'string')
    return bad(fields.text, text === undefined ? missing('--text-field') : 'must be a string');
  const problem = textProblem(text, spec.limits ?? defaultTextLimits);
  if (problem !== null) return bad(fields.text, problem);
  const rawLabel = v[fields.label];
  const label = mapLabel(rawLabel, spec.labelMap);
  if (label === undefined) {
    if (rawLabel === undefined) return bad(fields.label, missing('--label-field'));
    const hint =
      typeof rawLabel === 'number'
        ? `; map numbers to labels with --label-map, e.g. ${labels.map((l, k) => `${k}=${l}`).join(',')}`
        : '';
    return bad(fields.label, `must be a string${hint}`);
  }
  if (!known.has(label))
    return bad(
      fields.label,
      `"${label}" is not a label of the target (its labels: ${labels.join(', ')})${labelMapHint(label, labels)}`,
    );
  const rawId = v[fields.id];
  let id: string;
  if (rawId === undefined || rawId === '') id = `line-${row.line}`;
  else if (typeof rawId === 'string' || typeof rawId === 'number') id = String(rawId);
  else return bad(fields.id, 'must be a string or a number');
  return { example: { id, text, label } };
}

/**
 * A model whose labels differ from the dataset's only in case (a Hugging Face export's NEGATIVE/POSITIVE): say how
 * --label-map maps them.
 */
function labelMapHint(label: string, labels: readonly string[]): string {
  const same = labels.find((l) => l.toLowerCase() === label.toLowerCase());
  return same === undefined ? '' : `; map it with --label-map ${label}=${same}`;
}

/** Validates every line; throws the first problem unless `skipInvalid`, in which case problems are counted. */
export async function scanDataset(
  spec: DatasetSpec,
  labels: readonly string[],
  skipInvalid: boolean,
): Promise<DatasetScan> {
  const hash = createHash('sha256');
  const known = new Set(labels);
  const ids = new Map<string, number>();
  const invalid: InvalidLine[] = [];
  let invalidCount = 0;
  let total = 0;
  for await (const row of readRows(spec.path, spec.format, (c) => hash.update(c))) {
    let result = check(spec, row, known, labels);
    if ('example' in result) {
      const first = ids.get(result.example.id);
      if (first !== undefined) {
        result = {
          problem: new InputError(
            spec.path,
            row.line,
            spec.fields.id,
            `duplicate id "${result.example.id}" (first on line ${first})`,
          ),
        };
      } else ids.set(result.example.id, row.line);
    }
    if ('problem' in result) {
      if (!skipInvalid) throw result.problem;
      invalidCount++;
      if (invalid.length < 20) invalid.push({ line: row.line, message: result.problem.message });
      continue;
    }
    total++;
  }
  if (total === 0) throw new ConfigError(`dataset ${spec.path} has no valid examples`);
  return { path: spec.path, sha256: hash.digest('hex'), total, invalidCount, invalid };
}

/** Streams the valid examples in file order; `index` counts valid examples from 0. Run `scanDataset` first. */
export async function* readExamples(spec: DatasetSpec, labels: readonly string[]): AsyncGenerator<Example> {
  const known = new Set(labels);
  const seen = new Set<string>();
  let index = 0;
  for await (const row of readRows(spec.path, spec.format)) {
    const result = check(spec, row, known, labels);
    if (!('example' in result) || seen.has(result.example.id)) continue;
    seen.add(result.example.id);
    yield { ...result.example, index: index++ };
  }
}
