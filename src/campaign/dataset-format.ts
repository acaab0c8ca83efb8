/**
 * @module Dataset file formats: JSONL (one object per line), CSV (RFC 4180: quoted fields may hold commas, quotes
 * and newlines) and TSV (tab-separated, no quoting, as GLUE ships it). All are read as streams of rows, each with
 * the line it starts on, so errors can name it.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConfigError } from '../core/errors.js';

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
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new ConfigError(`cannot read dataset ${path}: ${err.message}`)));
  });
  if (onChunk) stream.on('data', (c) => onChunk(c as Buffer));
  return stream;
}

export async function* readRows(path: string, format: DatasetFormat, onChunk?: (chunk: Buffer) => void): AsyncGenerator<Row> {
  const stream = await open(path, onChunk);
  if (format === 'jsonl') yield* jsonlRows(stream);
  else if (format === 'tsv') yield* tsvRows(stream);
  else yield* csvRows(stream);
}

async function* jsonlRows(stream: NodeJS.ReadableStream): AsyncGenerator<Row> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
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

async function* tsvRows(stream: NodeJS.ReadableStream): AsyncGenerator<Row> {
  let line = 0;
  let header: string[] | undefined;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    const cells = text.split('\t');
    if (header === undefined) header = cells.map((h) => h.trim());
    else yield rowOf(line, header, cells);
  }
}

async function* csvRows(stream: NodeJS.ReadableStream): AsyncGenerator<Row> {
  let header: string[] | undefined;
  for await (const { line, cells } of csvRecords(stream)) {
    if (cells.length === 1 && cells[0] === '') continue;
    if (header === undefined) header = cells.map((h) => h.trim());
    else yield rowOf(line, header, cells);
  }
}

function rowOf(line: number, header: readonly string[], cells: readonly string[]): Row {
  if (cells.length !== header.length) {
    return { line, field: '(line)', error: `has ${cells.length} columns, the header has ${header.length}` };
  }
  return { line, value: Object.fromEntries(header.map((h, k) => [h, cells[k]])) };
}

/** RFC 4180 records from a character stream; `line` is where each record starts. */
export async function* csvRecords(stream: NodeJS.ReadableStream): AsyncGenerator<{ line: number; cells: string[] }> {
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let start = 1;
  let pendingCR = false;
  for await (const chunk of stream) {
    const s = typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (pendingCR) {
        pendingCR = false;
        if (c === '\n') continue;
      }
      if (quoted) {
        if (c === '"') {
          // Closes the field, unless the next character (maybe in the next chunk) is a second quote.
          quoted = false;
          afterQuote = true;
        } else {
          if (c === '\n') line++;
          cell += c;
        }
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
        cells.push(cell);
        yield { line: start, cells };
        cells = [];
        cell = '';
        line++;
        start = line;
        pendingCR = c === '\r';
      } else cell += c;
    }
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    yield { line: start, cells };
  }
}
