/**
 * @module `npm run lint`'s line-length check: lists every line over the limit in the source folders as
 * file:line (length) and exits 1 when there is one. Run from the package root.
 */
import { longLines, MAX_LINE_LENGTH, SOURCE_FOLDERS } from './line-length.js';

const found = longLines(process.cwd());
for (const l of found) process.stdout.write(`${l.file}:${l.line}: ${l.length} characters\n`);
if (found.length > 0) {
  process.stderr.write(
    `line-length: ${found.length} line(s) over ${MAX_LINE_LENGTH} characters in ${SOURCE_FOLDERS.join(', ')}; ` +
      'wrap them (split strings with +, reflow comments)\n',
  );
  process.exitCode = 1;
}
