/**
 * @module The line-length rule Biome's formatter cannot enforce: it wraps code at 120 columns but leaves long
 * strings, templates and comments as they are. `npm run lint` runs `check-line-length.ts`, which uses this.
 */
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const MAX_LINE_LENGTH = 120;

/** The folders whose code the rule covers, and the files in them that are code. */
export const SOURCE_FOLDERS = ['src', 'perturbations', 'bin', 'experiments'] as const;
const CODE_FILE = /\.(ts|mjs)$/;

export interface LongLine {
  /** Relative to the root given to `longLines`. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** In characters (code points), which is what a reader sees, not UTF-16 units. */
  readonly length: number;
}

/** Every line over `limit` characters in the .ts and .mjs files under `folders` of `root`, in path order. */
export function longLines(
  root: string,
  folders: readonly string[] = SOURCE_FOLDERS,
  limit = MAX_LINE_LENGTH,
): LongLine[] {
  const out: LongLine[] = [];
  for (const folder of folders) {
    for (const path of codeFiles(join(root, folder))) {
      for (const [i, text] of readFileSync(path, 'utf8').split('\n').entries()) {
        const length = [...text.replace(/\r$/, '')].length;
        if (length > limit) out.push({ file: relative(root, path), line: i + 1, length });
      }
    }
  }
  return out;
}

function codeFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // a folder the checkout does not have
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : codeFiles(join(dir, e.name));
      return e.isFile() && CODE_FILE.test(e.name) ? [join(dir, e.name)] : [];
    });
}
