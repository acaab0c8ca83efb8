/**
 * @module In-memory examples as a dataset file inside the campaign folder. A campaign reads its dataset as a stream
 * (twice: once to validate and hash it, once to attack it) and records its path, so a resume, `quiver status` and
 * the reports find it again; the file is named by its digest, so it is never overwritten with other examples.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setAside } from '../campaign/run.js';
import { ConfigError } from '../core/errors.js';
import { writeFileAtomic } from '../storage/atomic.js';
import { runDir } from '../storage/run-dir.js';

/** One example: its text and the label the model should give it; without an id it is `line-<n>` (n from 1). */
export interface ExampleInput {
  readonly id?: string | number;
  readonly text: string;
  readonly label: string;
}

/**
 * Writes `examples` as JSONL into `outDir` and returns the file's path. With `force`, a campaign already in the
 * folder is set aside first (as `quiver run --force` does), so the new file lands in the new folder.
 */
export function writeExamplesFile(examples: readonly ExampleInput[], outDir: string, force: boolean): string {
  const text = examples.map((ex, i) => `${JSON.stringify(checked(ex, i))}\n`).join('');
  if (examples.length === 0) throw new ConfigError('dataset: the list of examples is empty');
  if (force && existsSync(runDir(outDir).campaign)) setAside(outDir);
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const path = join(outDir, `examples-${digest}.jsonl`);
  if (!existsSync(path)) {
    try {
      mkdirSync(outDir, { recursive: true });
    } catch (err) {
      throw new ConfigError(`cannot create output folder ${outDir}: ${(err as Error).message}`);
    }
    writeFileAtomic(path, text);
  }
  return path;
}

/** The example as a JSONL line holds it; a wrong field is a ConfigError naming `dataset[i]` and the field. */
function checked(ex: ExampleInput, i: number): ExampleInput {
  const at = `dataset[${i}]`;
  if (typeof ex !== 'object' || ex === null) throw new ConfigError(`${at} must be an object { id?, text, label }`);
  if (typeof ex.text !== 'string') throw new ConfigError(`${at}.text must be a string`);
  if (typeof ex.label !== 'string') throw new ConfigError(`${at}.label must be a string`);
  if (ex.id !== undefined && typeof ex.id !== 'string' && typeof ex.id !== 'number')
    throw new ConfigError(`${at}.id must be a string or a number`);
  return ex.id === undefined ? { text: ex.text, label: ex.label } : { id: ex.id, text: ex.text, label: ex.label };
}
