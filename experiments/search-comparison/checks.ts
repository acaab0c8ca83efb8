/**
 * @module The per-example checks of the issue's targets, read from the jobs' result records after a run: flip
 * distance on the examples both the default and PWWS flip, and, against the one-edit audit, whether every example one
 * edit can flip was reported as a one-edit flip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultRecord } from '../../src/contracts/record.js';
import type { AuditResult } from './job.js';

export interface PairedDistance {
  readonly method: string;
  readonly versus: string;
  /** Examples both flip. */
  readonly both: number;
  readonly meanDistance: number | null;
  readonly versusMeanDistance: number | null;
}

export interface OneEditCheck {
  readonly method: string;
  /** Attacked examples one edit can flip (the audit). */
  readonly flippable: number;
  /** Of those, the ones the method reported as a one-edit flip. */
  readonly reportedAsOne: number;
}

export interface CellChecks {
  readonly cell: string;
  readonly paired: readonly PairedDistance[];
  readonly oneEdit: readonly OneEditCheck[];
}

function records(runsDir: string, cell: string, method: string): Map<string, ResultRecord> | undefined {
  const file = join(runsDir, cell, method, 'results.jsonl');
  if (!existsSync(file)) return undefined;
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ResultRecord);
  return new Map(rows.map((r) => [r.id, r]));
}

export function pairedDistance(
  runsDir: string,
  cell: string,
  method: string,
  versus: string,
): PairedDistance | undefined {
  const a = records(runsDir, cell, method);
  const b = records(runsDir, cell, versus);
  if (a === undefined || b === undefined) return undefined;
  const both = [...a.values()].filter((r) => r.status === 'succeeded' && b.get(r.id)?.status === 'succeeded');
  const mean = (rs: readonly ResultRecord[]) =>
    rs.length === 0 ? null : rs.reduce((s, r) => s + (r.flipDistance ?? 0), 0) / rs.length;
  return {
    method,
    versus,
    both: both.length,
    meanDistance: mean(both),
    versusMeanDistance: mean(both.map((r) => b.get(r.id)!)),
  };
}

export function oneEditCheck(runsDir: string, audit: AuditResult, method: string): OneEditCheck | undefined {
  const rs = records(runsDir, audit.cell, method);
  if (rs === undefined) return undefined;
  const reported = audit.oneEditFlippable.filter(
    (id) => rs.get(id)?.status === 'succeeded' && rs.get(id)?.flipDistance === 1,
  );
  return { method, flippable: audit.oneEditFlippable.length, reportedAsOne: reported.length };
}

/** The checks of one cell for the given methods (those that ran), against PWWS and the cell's audit. */
export function cellChecks(
  runsDir: string,
  cell: string,
  methods: readonly string[],
  audit: AuditResult | undefined,
): CellChecks {
  const paired = methods.flatMap((m) => pairedDistance(runsDir, cell, m, 'pwws') ?? []);
  const oneEdit = audit === undefined ? [] : methods.flatMap((m) => oneEditCheck(runsDir, audit, m) ?? []);
  return { cell, paired, oneEdit };
}
