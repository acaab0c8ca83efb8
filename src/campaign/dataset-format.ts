/**
 * @module Dataset file formats: JSONL (one object per line), CSV (RFC 4180: quoted fields may hold commas, quotes
 * and newlines) and TSV (tab-separated, no quoting, as GLUE ships it). All are read as streams of rows, each with
 * the line it starts on, so errors can name it. Bytes become text in dataset-lines.ts (UTF-8, checked line by line).
 */
import { createReadStream, statSync } from 'node:fs';
import type { LabelMap } from './label-map.js';
import { ConfigError } from '../core/errors.js';
import { physicalLines, type PhysicalLine } from './dataset-lines.js';
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

export type Row =
  | { readonly line: number; readonly value: Record<string, unknown> }
  | { readonly line: number; readonly error: string; readonly field: string };

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
async function open(path: string, onChunk?: (chunk: Buffer) => void): Promise<NodeJS.ReadableStream> {
  // A folder opens without error on Linux; only the first read fails (EISDIR), far from where the path is known.
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new ConfigError(`dataset ${path} is a directory, not a file`);
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new ConfigError(`cannot read dataset ${path}: ${err.message}`)));
  });
  if (onChunk) stream.on('data', (c) => onChunk(c as Buffer));
  return stream;
}

export async function* readRows(path: string, format: DatasetFormat, onChunk?: (chunk: Buffer) => void): AsyncGenerator<Row> {
  const lines = physicalLines((await open(path, onChunk)) as AsyncIterable<Buffer>);
  if (format === 'jsonl') yield* jsonlRows(lines);
  else if (format === 'tsv') yield* tsvRows(lines);
  else yield* csvRows(lines);
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

async function* tsvRows(lines: AsyncIterable<PhysicalLine>): AsyncGenerator<Row> {
  let header: string[] | undefined;
  for await (const { line, text, error } of lines) {
    if (error === undefined && text.trim() === '') continue;
    const cells = text.split('\t');
    // A header that is not valid UTF-8 is reported, and its lenient decoding still names the columns.
    if (error !== undefined) yield { line, field: '(line)', error };
    if (header === undefined) header = cells.map((h) => h.trim());
    else if (error === undefined) yield rowOf(line, header, cells);
  }
}

async function* csvRows(lines: AsyncIterable<PhysicalLine>): AsyncGenerator<Row> {
  let header: string[] | undefined;
  for await (const { line, cells, error } of csvRecords(lines)) {
    if (error === undefined && cells.length === 1 && cells[0] === '') continue;
    if (error !== undefined) yield { line, field: '(line)', error };
    if (header === undefined) header = cells.map((h) => h.trim());
    else if (error === undefined) yield rowOf(line, header, cells);
  }
}

function rowOf(line: number, header: readonly string[], cells: readonly string[]): Row {
  if (cells.length !== header.length) {
    return { line, field: '(line)', error: `has ${cells.length} columns, the header has ${header.length}` };
  }
  return { line, value: Object.fromEntries(header.map((h, k) => [h, cells[k]])) };
}

/**
 * RFC 4180 records from decoded lines; `line` is where each record starts. A record touching a line that could not
 * be decoded carries that line's error.
 */
export async function* csvRecords(lines: AsyncIterable<PhysicalLine>): AsyncGenerator<{ line: number; cells: string[]; error?: string }> {
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let start = 0; // 0: no record started yet
  let error: string | undefined;
  let pendingCR = false;
  const record = (): { line: number; cells: string[]; error?: string } => {
    cells.push(cell);
    const r = { line: start, cells, ...(error === undefined ? {} : { error }) };
    cells = [];
    cell = '';
    start = 0;
    error = undefined;
    return r;
  };
  for await (const pl of lines) {
    const s = pl.text + pl.eol;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (pendingCR) {
        pendingCR = false;
        if (c === '\n') continue;
      }
      if (start === 0) start = pl.line;
      if (pl.error !== undefined) error ??= pl.line === start ? pl.error : `${pl.error} (line ${pl.line})`;
      if (quoted) {
        if (c === '"') {
          // Closes the field, unless the next character (maybe on the next line) is a second quote.
          quoted = false;
          afterQuote = true;
        } else cell += c;
        continue;
      }
      if (afterQuote && c === '"') {
        // "" inside a quoted field: an escaped quote.
        cell += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === '"' && cell === '') quoted = true;
      else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else if (c === '\n' || c === '\r') {
        yield record();
        pendingCR = c === '\r';
      } else cell += c;
    }
  }
  if (start !== 0) yield record();
}
