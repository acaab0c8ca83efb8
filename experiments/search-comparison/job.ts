/**
 * @module One benchmark job: every example of a cell attacked by one method, in dataset order, on one thread (as the
 * released ABS runs, so quirk (c)'s leaked state follows dataset order), through the engine Quiver's campaigns use.
 * Writes the result records and returns the metrics. An audit job instead asks about every one-edit candidate of
 * every attacked example (typo variants included), to know which examples one edit can flip.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Example, ResultRecord } from '../../src/contracts/record.js';
import { bestSuccess, type SearchMethod } from '../../src/core/search.js';
import { attackExample, type AttackParts } from '../../src/engine/attack-example.js';
import { summarize } from '../../src/metrics/summary.js';
import { buildAttackParts } from '../../src/registry.js';
import type { PriorCost } from '../../src/search/surrogate/search-prior.js';
import { heldOutExamples } from '../../src/targets/nb.js';
import { attackConfig, cells, MAX_PERTURB_RATIO, methods, SEED, type Cell } from './plan.js';

export interface JobSpec {
  readonly cell: string;
  /** A method id, or AUDIT for the one-edit audit. */
  readonly method: string;
  readonly limit: number;
  readonly runsDir: string;
  readonly cacheDir: string;
  /** Where a served cell's model answers. */
  readonly baseURL?: string;
}

export const AUDIT = 'one-edit-audit';

export interface JobMetrics {
  readonly cell: string;
  readonly method: string;
  readonly examples: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errored: number;
  readonly originalAccuracy: number | null;
  readonly successRate: number | null;
  readonly accuracyUnderAttack: number | null;
  readonly avgQueries: number | null;
  readonly avgUniqueQueries: number | null;
  readonly avgPerturbedWordPct: number | null;
  readonly avgFlipDistance: number | null;
  /** Successes whose edit set is 1-minimal. Every success is re-verified by the engine before it is reported. */
  readonly minimal: number;
  readonly unverified: number;
  /** Prompt tokens per attacked example (search and verification), for endpoint targets; null otherwise. */
  readonly avgPromptTokens: number | null;
  /** Wall time over attacked examples per success (ms): the paper's T-O. Not deterministic. */
  readonly msPerSuccess: number | null;
  /** Wall time per attacked example (ms). Not deterministic. */
  readonly msPerAttacked: number | null;
  /** What the search's surrogate prior cost, per attacked example; null without one. Times are not deterministic. */
  readonly prior: {
    readonly trainMs: number;
    readonly textsPerAttacked: number;
    readonly msPerAttacked: number;
  } | null;
  readonly elapsedMs: number;
}

/** Which attacked examples one edit can flip (any candidate, every typo variant included). */
export interface AuditResult {
  readonly cell: string;
  readonly method: typeof AUDIT;
  readonly attacked: number;
  readonly oneEditFlippable: readonly string[];
}

export function cellExamples(cell: Cell, limit: number): Example[] {
  const rows = cell.trainOnFile
    ? heldOutExamples(cell.file)
    : readFileSync(cell.file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; text: string; label: string });
  return rows.slice(0, limit).map((r, index) => ({ id: r.id, index, text: r.text, label: r.label }));
}

const settings = {
  seed: SEED,
  maxQueries: Infinity,
  maxPerturbRatio: MAX_PERTURB_RATIO,
  stabilitySamples: 0,
  verifyRepeats: 1,
};

export async function runJob(spec: JobSpec): Promise<JobMetrics> {
  const cell = cells().find((c) => c.id === spec.cell)!;
  const method = methods().find((m) => m.id === spec.method)!;
  const examples = cellExamples(cell, spec.limit);
  const dir = join(spec.runsDir, cell.id, method.id);
  mkdirSync(dir, { recursive: true });
  // The campaign's dataset: the whole file, or for naive Bayes cells its held-out split (the target never saw it).
  const priorFile = join(dir, 'prior-dataset.jsonl');
  if (method.priorFromExamples === true) {
    writeFileSync(
      priorFile,
      cellExamples(cell, Infinity)
        .map((e) => JSON.stringify({ text: e.text, label: e.label }))
        .join('\n') + '\n',
    );
  }
  const parts = await buildAttackParts(attackConfig(cell, method, spec.cacheDir, priorFile, spec.baseURL));
  const started = performance.now();
  const records: ResultRecord[] = [];
  for (const ex of examples) records.push(await attackExample(parts, settings, ex));
  const elapsedMs = performance.now() - started;
  await parts.target.close?.();
  writeFileSync(join(dir, 'results.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');

  const s = summarize(records);
  const attacked = records.filter((r) => r.status === 'succeeded' || r.status === 'failed');
  const time = attacked.reduce((a, r) => a + r.elapsedMs, 0);
  const per = (x: number) => (attacked.length === 0 ? null : x / attacked.length);
  const prompt = attacked.some((r) => r.usage !== undefined)
    ? per(attacked.reduce((a, r) => a + (r.usage?.promptTokens ?? 0), 0))
    : null;
  const cost = priorCostOf(parts);
  return {
    cell: cell.id,
    method: method.id,
    examples: s.examples,
    succeeded: s.succeeded,
    failed: s.failed,
    skipped: s.skipped,
    errored: s.errored,
    originalAccuracy: s.originalAccuracy,
    successRate: s.attackSuccessRate,
    accuracyUnderAttack: s.accuracyUnderAttack,
    avgQueries: s.avgQueries,
    avgUniqueQueries: s.avgUniqueQueries,
    avgPerturbedWordPct: s.avgPerturbedWordPct,
    avgFlipDistance: s.avgFlipDistance,
    minimal: records.filter((r) => r.status === 'succeeded' && r.minimal === true).length,
    unverified: s.unverified,
    avgPromptTokens: prompt,
    msPerSuccess: s.succeeded === 0 ? null : time / s.succeeded,
    msPerAttacked: per(time),
    prior:
      cost === null
        ? null
        : { trainMs: cost.trainMs, textsPerAttacked: per(cost.texts) ?? 0, msPerAttacked: per(cost.scoreMs) ?? 0 },
    elapsedMs,
  };
}

/** The abs search's account of its prior, when the job's search is one. */
function priorCostOf(parts: AttackParts): PriorCost | null {
  const search = parts.search as SearchMethod & { priorCost?: () => PriorCost | null };
  return typeof search.priorCost === 'function' ? search.priorCost() : null;
}

/** Asks about the whole one-edit neighbourhood of every attacked example; an example flips if any candidate does. */
export async function runAudit(spec: JobSpec): Promise<AuditResult> {
  const cell = cells().find((c) => c.id === spec.cell)!;
  const exhaustive: SearchMethod = {
    name: AUDIT,
    async search(ctx) {
      const original = ctx.original.text;
      for (const i of ctx.positions(original)) {
        const flip = bestSuccess(await ctx.evaluate(ctx.expand(original, i)));
        if (flip !== undefined) return flip;
      }
      return ctx.original;
    },
  };
  const parts = {
    ...(await buildAttackParts(attackConfig(cell, methods()[0]!, spec.cacheDir, undefined, spec.baseURL))),
    search: exhaustive,
  };
  const records: ResultRecord[] = [];
  for (const ex of cellExamples(cell, spec.limit)) records.push(await attackExample(parts, settings, ex));
  await parts.target.close?.();
  const attacked = records.filter((r) => r.status === 'succeeded' || r.status === 'failed');
  return {
    cell: cell.id,
    method: AUDIT,
    attacked: attacked.length,
    oneEditFlippable: attacked.filter((r) => r.status === 'succeeded').map((r) => r.id),
  };
}
