/**
 * @module The on-disk response cache of the `openai:` target: one JSON file per answer, named by the SHA-256 of the
 * endpoint, model, parameters and full messages, written to a temporary file and renamed into place, so any number
 * of threads and processes can share a folder (a reader sees a whole entry or none; two writers of one key write
 * the same answer). Only successful HTTP answers are stored, each at most MAX_ENTRY_BYTES; errors never are.
 *
 * An entry has a sample number: 0 for ordinary queries, 1, 2... for the re-queries that verify a flip (`fresh`),
 * so verification still sees K independent answers from a nondeterministic model, and a re-run replays them all.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { RawAnswer } from './parse.js';

export interface CacheEntry {
  readonly version: 1;
  readonly key: string;
  readonly sample: number;
  /** What was asked (no credentials: the key is never part of a request body). */
  readonly request: unknown;
  readonly answer: RawAnswer;
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number };
}

let tmpCounter = 0;

/**
 * Largest entry stored, in bytes. A label, a JSON object or a few logprobs take well under 1 KiB; an endpoint that
 * answers megabytes (a runaway generation, a wrong --answer-max-tokens) once filled 277 MB for one example. Larger
 * answers are still used, only not cached.
 */
export const MAX_ENTRY_BYTES = 64 * 1024;

/** The cache key of a request: what determines the answer, and nothing else (not the API key). */
export function cacheKey(endpoint: string, body: unknown): string {
  return createHash('sha256').update(JSON.stringify({ endpoint, body })).digest('hex');
}

export class ResponseCache {
  constructor(readonly dir: string) {}

  private file(key: string, sample: number): string {
    return join(this.dir, key.slice(0, 2), sample === 0 ? `${key}.json` : `${key}.${sample}.json`);
  }

  /** The stored answer, or undefined (missing, or unreadable: treated as a miss and overwritten later). */
  async get(key: string, sample: number): Promise<CacheEntry | undefined> {
    let text: string;
    try {
      text = await readFile(this.file(key, sample), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      const entry = JSON.parse(text) as CacheEntry;
      return entry.version === 1 && entry.key === key && entry.sample === sample ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores the entry; one over MAX_ENTRY_BYTES is skipped (the next run asks the endpoint again). */
  async put(entry: CacheEntry): Promise<void> {
    const text = `${JSON.stringify(entry)}\n`;
    if (Buffer.byteLength(text) > MAX_ENTRY_BYTES) return;
    const file = this.file(entry.key, entry.sample);
    await mkdir(join(this.dir, entry.key.slice(0, 2)), { recursive: true });
    const tmp = `${file}.${process.pid}-${threadId}-${++tmpCounter}.tmp`;
    try {
      await writeFile(tmp, text);
      await rename(tmp, file);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }
}
