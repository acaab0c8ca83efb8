/**
 * @module The physical lines of a UTF-8 dataset file. Lines are cut on bytes (0x0A never occurs inside a multibyte
 * character) and each is decoded on its own with a fatal decoder, so a character split across read chunks stays
 * whole, and invalid UTF-8 is reported on the line that holds it instead of silently becoming U+FFFD.
 */

/** A decoded line (without its line break), or the reason it could not be decoded. */
export interface PhysicalLine {
  readonly line: number;
  readonly text: string;
  /** The line break that ended the line ('' for the last line of a file without one). */
  readonly eol: '\r\n' | '\n' | '';
  /** Set when the line cannot be used as it is (`text` is then a lenient decoding, or empty). */
  readonly error?: string;
}

/** Longer lines are refused rather than buffered: no dataset text comes near this, and a runaway line must not use
 * up the main thread's memory before validation can name it. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const BOM = [0xef, 0xbb, 0xbf];

function decode(line: number, bytes: Buffer, ended: boolean): PhysicalLine {
  const cr = ended && bytes.length > 0 && bytes[bytes.length - 1] === 0x0d;
  const body = cr ? bytes.subarray(0, -1) : bytes;
  const eol = cr ? '\r\n' : ended ? '\n' : '';
  try {
    return { line, text: fatal.decode(body), eol };
  } catch {
    // The line itself is reported as invalid; the lenient text only shows what it holds.
    return { line, text: lenient.decode(body), eol, error: 'not valid UTF-8' };
  }
}

function tooLong(line: number, ended: boolean): PhysicalLine {
  return { line, text: '', eol: ended ? '\n' : '', error: `longer than ${MAX_LINE_BYTES} bytes` };
}

/** Lines of a byte stream, numbered from 1; a UTF-8 byte order mark at the start of the file is dropped. */
export async function* physicalLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<PhysicalLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let line = 1;
  let first = true;
  for await (const raw of stream) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    if (first && chunk.length > 0) {
      first = false;
      if (BOM.every((b, i) => chunk[i] === b)) chunk = chunk.subarray(BOM.length);
    }
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      const piece = chunk.subarray(from, nl);
      if (overflow || size + piece.length > MAX_LINE_BYTES) yield tooLong(line, true);
      else yield decode(line, parts.length === 0 ? piece : Buffer.concat([...parts, piece]), true);
      parts = [];
      size = 0;
      overflow = false;
      line++;
      from = nl + 1;
    }
    const rest = chunk.subarray(from);
    if (!overflow && size + rest.length > MAX_LINE_BYTES) {
      overflow = true;
      parts = [];
    }
    if (!overflow && rest.length > 0) {
      parts.push(rest);
      size += rest.length;
    }
  }
  if (overflow) yield tooLong(line, false);
  else if (size > 0) yield decode(line, Buffer.concat(parts), false);
}
