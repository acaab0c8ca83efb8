/**
 * @module Quiver's own regression-suite format (what `quiver replay` reads): JSONL, a header line then one line per
 * case. Schema-versioned: a reader refuses a newer major schema instead of misreading it. A case of an assertion
 * campaign also carries its test (prompt, vars, target, assertions), so replay needs nothing but the file.
 */
import type { Exporter, ExportInput, Provenance, SuiteCase } from './types.js';

export const SUITE_SCHEMA_VERSION = 1;

export interface SuiteHeader {
  readonly type: 'quiver-suite';
  readonly schemaVersion: number;
  readonly source: Provenance;
  readonly cases: { readonly adversarial: number; readonly controls: number };
}

/** A case as one JSONL line: the case itself, tagged. */
export type SuiteCaseLine = SuiteCase & { readonly type: 'case' };

export function suiteHeader(input: ExportInput): SuiteHeader {
  const n = (k: SuiteCase['kind']) => input.cases.filter((c) => c.kind === k).length;
  return {
    type: 'quiver-suite',
    schemaVersion: SUITE_SCHEMA_VERSION,
    source: input.provenance,
    cases: { adversarial: n('adversarial'), controls: n('control') },
  };
}

export function caseLine(c: SuiteCase): SuiteCaseLine {
  return {
    type: 'case',
    kind: c.kind,
    id: c.id,
    index: c.index,
    text: c.text,
    original: c.original,
    expected: c.expected,
    recorded: c.recorded,
    edits: c.edits,
    flipDistance: c.flipDistance,
    stability: c.stability,
    ...(c.test === undefined ? {} : { test: c.test }),
  };
}

export const quiverJsonlExporter: Exporter = {
  name: 'jsonl',
  assertionCampaigns: true,
  description: "Quiver's suite format (header + one case per line); `quiver replay` reads it",
  extension: 'jsonl',
  render(input) {
    const lines = [JSON.stringify(suiteHeader(input)), ...input.cases.map((c) => JSON.stringify(caseLine(c)))];
    return `${lines.join('\n')}\n`;
  },
};
