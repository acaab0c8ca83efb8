/**
 * @module Reads and validates a JSONL dataset (`{"id"?, "text", "label"}` per line). Every problem names the file,
 * line and field, and is found before the campaign writes anything.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConfigError, InputError } from '../core/errors.js';
import type { Example } from '../contracts/record.js';

export interface LoadedDataset {
  readonly path: string;
  readonly sha256: string;
  /** All valid examples in file order (limit applied). */
  readonly examples: Example[];
  /** Examples in the whole file. */
  readonly total: number;
}

export async function loadDataset(path: string, opts: { labels: readonly string[]; limit: number | null }): Promise<LoadedDataset> {
  const hash = createHash('sha256');
  const stream = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new ConfigError(`cannot read dataset ${path}: ${err.message}`)));
  });
  await opened;
  stream.on('data', (chunk) => hash.update(chunk));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const examples: Example[] = [];
  const ids = new Map<string, number>();
  const known = new Set(opts.labels);
  let lineNo = 0;
  let total = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const ex = parseLine(path, lineNo, line, total, known, opts.labels);
    const prev = ids.get(ex.id);
    if (prev !== undefined) throw new InputError(path, lineNo, 'id', `duplicate id "${ex.id}" (first on line ${prev})`);
    ids.set(ex.id, lineNo);
    if (opts.limit === null || examples.length < opts.limit) examples.push(ex);
    total++;
  }
  if (total === 0) throw new ConfigError(`dataset ${path} has no examples`);
  return { path, sha256: hash.digest('hex'), examples, total };
}

function parseLine(
  path: string,
  lineNo: number,
  line: string,
  index: number,
  known: ReadonlySet<string>,
  labels: readonly string[],
): Example {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new InputError(path, lineNo, '(line)', `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(path, lineNo, '(line)', 'expected a JSON object like {"text": "...", "label": "..."}');
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.text !== 'string') throw new InputError(path, lineNo, 'text', obj.text === undefined ? 'missing' : 'must be a string');
  if (obj.text.trim() === '') throw new InputError(path, lineNo, 'text', 'is empty');
  if (typeof obj.label !== 'string') throw new InputError(path, lineNo, 'label', obj.label === undefined ? 'missing' : 'must be a string');
  if (!known.has(obj.label)) {
    throw new InputError(path, lineNo, 'label', `"${obj.label}" is not a label of the target (its labels: ${labels.join(', ')})`);
  }
  let id: string;
  if (obj.id === undefined) id = `line-${lineNo}`;
  else if (typeof obj.id === 'string' || typeof obj.id === 'number') id = String(obj.id);
  else throw new InputError(path, lineNo, 'id', 'must be a string or a number');
  return { id, index, text: obj.text, label: obj.label };
}
