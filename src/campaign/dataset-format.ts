/**
 * @module Dataset file formats: JSONL (one object per line), CSV and TSV (read by csv-parse, dataset-delimited.ts).
 * All are read as streams of rows, each with the line it starts on, so errors can name it. JSONL bytes become text in
 * dataset-lines.ts (UTF-8, checked line by line).
 */
import { createReadStream, statSync, type ReadStream } from 'node:fs';
import type { LabelMap } from './label-map.js';
import { ConfigError } from '../core/errors.js';
import { delimitedRows } from './dataset-delimited.js';
import { physicalLines, type PhysicalLine } from './dataset-lines.js';
import type { Row } from './dataset-row.js';
import type { TextLimits } from './text-check.js';

export type DatasetFormat = 'jsonl' | 'csv' | 'tsv';
export const datasetFormats: readonly DatasetFormat[] = ['jsonl', 'csv', 'tsv'];

export interface DatasetFields {
  readonly text: string;
  readonly label: string;
  readonly id: string;
}

export interface DatasetSpec {
  readonly path: string;
  readonly format: DatasetFormat;
  readonly fields: DatasetFields;
  /** Longest text accepted (absent: the defaults). */
  readonly limits?: TextLimits;
  /** Dataset label values mapped to the target's labels (`--label-map`). */
  readonly labelMap?: LabelMap;
}

export type { Row } from './dataset-row.js';

export function formatOf(path: string, explicit?: string): DatasetFormat {
  if (explicit !== undefined) {
    if (!(datasetFormats as readonly string[]).includes(explicit)) {
      throw new ConfigError(`--format must be one of ${datasetFormats.join(', ')}, got "${explicit}"`);
    }
    return explicit as DatasetFormat;
  }
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv') return 'tsv';
  return 'jsonl';
}

/** Opens the file; a missing or unreadable file is a ConfigError naming it. */
async function open(path: string, onChunk?: (chunk: Buffer) => void): Promise<ReadStream> {
  // A folder opens without error on Linux; only the first read fails (EISDIR), far from where the path is known.
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory())
    throw new ConfigError(`dataset ${path} is a directory, not a file`);
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new ConfigError(`cannot read dataset ${path}: ${err.message}`)));
  });
  if (onChunk) stream.on('data', (c) => onChunk(c as Buffer));
  return stream;
}

export async function* readRows(
  path: string,
  format: DatasetFormat,
  onChunk?: (chunk: Buffer) => void,
): AsyncGenerator<Row> {
  const file = await open(path, onChunk);
  if (format === 'jsonl') yield* jsonlRows(physicalLines(file));
  else yield* delimitedRows(file, format, path);
}

async function* jsonlRows(lines: AsyncIterable<PhysicalLine>): AsyncGenerator<Row> {
  for await (const { line, text, error } of lines) {
    if (error !== undefined) {
      yield { line, field: '(line)', error };
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { line, field: '(line)', error: `not valid JSON: ${(err as Error).message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, field: '(line)', error: 'expected a JSON object like {"text": "...", "label": "..."}' };
    } else yield { line, value: value as Record<string, unknown> };
  }
}
