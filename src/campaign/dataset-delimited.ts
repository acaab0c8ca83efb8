/**
 * @module CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks) and TSV (tab-separated, no quoting, as
 * GLUE ships it) datasets, parsed by csv-parse as a stream. The first non-blank record is the header; every later
 * record is a row named by the line it starts on, which the LineIndex in front of the parser knows, with the UTF-8
 * problems the parser would hide.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { parse, type CsvError, type Parser } from 'csv-parse';
import { InputError } from '../core/errors.js';
import { MAX_LINE_BYTES } from './dataset-lines.js';
import type { Row } from './dataset-row.js';
import { LineIndex } from './line-index.js';

export type DelimitedFormat = 'csv' | 'tsv';

/** `onRecord` gets the byte offset just after each record the parser emits (after its line break). */
function parser(format: DelimitedFormat, onRecord: (end: number) => void): Parser {
  return parse({
    delimiter: format === 'csv' ? ',' : '\t',
    // GLUE's TSV has no quoting: a `"` there is text.
    quote: format === 'csv' ? '"' : false,
    // Every kind of line break, even mixed in one file (left alone, csv-parse keeps to the first kind it meets);
    // a lone CR ends a CSV record but is text in a TSV one.
    record_delimiter: format === 'csv' ? ['\r\n', '\n', '\r'] : ['\r\n', '\n'],
    // A quote inside an unquoted field is text (`5" screen`), as the hand-written reader read it.
    relax_quotes: true,
    // A row with the wrong number of cells is an error here, naming its line, not one that stops the parser.
    relax_column_count: true,
    // A runaway record (a quote never closed) must not use up memory before it can be named.
    max_record_size: MAX_LINE_BYTES,
    // A parser error would destroy the stream and the records parsed but not yet read with it; reported as a
    // `skip` event instead. With the options above only two can happen: a quote still open at the end of the file,
    // and a record over the size cap (after which csv-parse cannot go on).
    skip_records_with_error: true,
    on_record: (cells, info) => {
      onRecord(info.bytes);
      return cells;
    },
  });
}

function blank(cells: readonly string[], format: DelimitedFormat): boolean {
  // A TSV line of only whitespace is blank, as a JSONL one; in CSV, spaces are a value.
  return format === 'csv' ? cells.length === 1 && cells[0] === '' : cells.every((c) => c.trim() === '');
}

function rowOf(line: number, header: readonly string[], cells: readonly string[]): Row {
  if (cells.length !== header.length) {
    return { line, field: '(line)', error: `has ${cells.length} columns, the header has ${header.length}` };
  }
  return { line, value: Object.fromEntries(header.map((h, k) => [h, cells[k]])) };
}

/** The rows of `source`, the bytes of the file `path` (named in errors that end the reading). */
export async function* delimitedRows(source: Readable, format: DelimitedFormat, path: string): AsyncGenerator<Row> {
  const lines = new LineIndex();
  // Where each record ends that the parser has emitted and the loop below not yet taken, in order.
  const ends: number[] = [];
  const records = parser(format, (end) => ends.push(end));
  let start = 0; // where the next record starts
  let unclosed = false;
  let fatal: InputError | undefined;
  records.on('skip', (err: CsvError) => {
    // Only detected at the end of the file, so nothing after it is lost: a row error, counted by --skip-invalid.
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      unclosed = true;
      return;
    }
    if (fatal !== undefined) return;
    const line = lines.lineOf(ends.at(-1) ?? start);
    const problem =
      err.code === 'CSV_MAX_RECORD_SIZE'
        ? `the record is longer than ${MAX_LINE_BYTES} bytes; the file cannot be read past it`
        : err.message;
    fatal = new InputError(path, line, '(line)', problem);
    // Stops the reading, not from inside the parser's own call; a record it still emits is not trusted.
    const error = fatal;
    process.nextTick(() => records.destroy(error));
  });
  // An error in any stage destroys the parser with it, and the loop below throws it; leaving the loop early
  // destroys the parser, which closes the file. The callback only keeps an error from being reported twice.
  pipeline(source, lines, records, () => {});
  let header: string[] | undefined;
  for await (const cells of records as AsyncIterable<string[]>) {
    if (fatal !== undefined) throw fatal;
    const end = ends.shift()!;
    const { line, error } = lines.record(start, end);
    start = end;
    if (error === undefined && blank(cells, format)) continue;
    // A header that is not valid UTF-8 is reported, and its lenient decoding still names the columns.
    if (error !== undefined) yield { line, field: '(line)', error };
    if (header === undefined) header = cells.map((h) => h.trim());
    else if (error === undefined) yield rowOf(line, header, cells);
  }
  if (unclosed)
    yield {
      line: lines.record(start, start).line,
      field: '(line)',
      error: 'a quoted field is not closed before the end of the file',
    };
}
