/**
 * @module The bytes of a CSV or TSV dataset on their way to csv-parse, with what the parser cannot tell: the physical
 * line (counted by line feeds) of each byte offset it was given, and the bytes that are not valid UTF-8 (the parser
 * would silently decode them as U+FFFD). A UTF-8 byte order mark at the start is dropped, so offsets here and the
 * parser's `info.bytes` count the same bytes.
 */
import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Where a record starts, and why its bytes cannot be used as text (absent when they can). */
export interface RecordSpan {
  readonly line: number;
  readonly error?: string;
}

/**
 * The end of the last whole character of `data`: a multibyte character cut by the end of a read chunk is checked
 * with the rest of it, in the next chunk.
 */
function wholeCharactersEnd(data: Buffer): number {
  const stop = Math.max(0, data.length - 4);
  let i = data.length - 1;
  while (i >= stop && (data[i]! & 0xc0) === 0x80) i--;
  if (i < stop) return data.length; // no lead byte among the last four: invalid whatever follows
  const lead = data[i]!;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + size > data.length ? i : data.length;
}

export class LineIndex extends Transform {
  private passed = 0; // bytes given to the next stream so far
  private started = false;
  // Offsets of the line feeds not yet behind a queried offset; `line` is the line of the last queried offset.
  private feeds: number[] = [];
  private head = 0;
  private line = 1;
  // Byte ranges (between line breaks or chunk edges) that are not valid UTF-8, in order.
  private readonly invalid: { readonly from: number; readonly to: number }[] = [];
  private cut: Buffer = Buffer.alloc(0); // the start of a character cut by the end of the last chunk

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let bytes = chunk;
    if (!this.started && bytes.length > 0) {
      this.started = true;
      if (bytes.subarray(0, BOM.length).equals(BOM)) bytes = bytes.subarray(BOM.length);
    }
    for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) this.feeds.push(this.passed + i);
    // Checked before it is passed on: the parser cannot end a record on bytes this has not seen.
    this.check(bytes, false);
    this.passed += bytes.length;
    done(null, bytes);
  }

  override _flush(done: TransformCallback): void {
    this.check(Buffer.alloc(0), true);
    done();
  }

  private check(bytes: Buffer, final: boolean): void {
    const data = this.cut.length === 0 ? bytes : Buffer.concat([this.cut, bytes]);
    const base = this.passed - this.cut.length;
    const end = final ? data.length : wholeCharactersEnd(data);
    this.cut = Buffer.from(data.subarray(end));
    // Line breaks are ASCII, never part of a multibyte character: the whole span is valid exactly when every piece
    // between them is, and only a span with a problem is looked at piece by piece (CR ends a CSV record too).
    if (end === 0 || isUtf8(data.subarray(0, end))) return;
    let from = 0;
    for (let i = 0; i <= end; i++) {
      if (i < end && data[i] !== LF && data[i] !== CR) continue;
      if (i > from && !isUtf8(data.subarray(from, i))) this.invalid.push({ from: base + from, to: base + i });
      from = i + 1;
    }
  }

  /** Lines before the byte at `offset`, plus one; consumes the line feeds before it (offsets only go forward). */
  private lineAt(offset: number): number {
    while (this.head < this.feeds.length && this.feeds[this.head]! < offset) {
      this.head++;
      this.line++;
    }
    if (this.head > 4096 && this.head * 2 > this.feeds.length) {
      this.feeds = this.feeds.slice(this.head);
      this.head = 0;
    }
    return this.line;
  }

  /** The line of the byte at `offset`, at or after the last record asked for. */
  lineOf(offset: number): number {
    let line = this.line;
    for (let k = this.head; k < this.feeds.length && this.feeds[k]! < offset; k++) line++;
    return line;
  }

  /**
   * The record of bytes [from, to), which the parser has emitted: the line it starts on and, when a byte of it is
   * not valid UTF-8, an error naming that byte's line if the record started on an earlier one. Records must be
   * asked for in order.
   */
  record(from: number, to: number): RecordSpan {
    const line = this.lineAt(from);
    while (this.invalid.length > 0 && this.invalid[0]!.to <= from) this.invalid.shift();
    const bad = this.invalid[0];
    if (bad === undefined || bad.from >= to) return { line };
    const badLine = this.lineOf(bad.from);
    return { line, error: badLine === line ? 'not valid UTF-8' : `not valid UTF-8 (line ${badLine})` };
  }
}
