/** @module Replay results as a terminal table, as JSON and as JUnit XML (regressions are the only failures). */
import { renderJUnit, type JUnitCase } from '../exporters/junit-xml.js';
import type { ReplayedCase, ReplayResult } from './replay.js';
import type { Suite } from './suite.js';

export interface Gate {
  readonly maxRegressions: number;
  readonly passed: boolean;
}

export function gateFor(result: ReplayResult, maxRegressions: number): Gate {
  return { maxRegressions, passed: result.counts.regressed <= maxRegressions };
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length <= n ? one : `${one.slice(0, n - 1)}…`;
}

export function renderReplayTable(suite: Suite, r: ReplayResult, gate: Gate): string {
  const c = r.counts;
  const adversarial = c['still-failing'] + c.fixed;
  const controls = c.passed + c.regressed;
  const src = suite.header.source;
  const lines = [
    '',
    `Quiver replay: ${suite.path} (${adversarial} adversarial, ${controls} controls; recorded on ${src.model}) ` +
      `against ${r.target}`,
    '',
    '  kind         status          cases',
    `  adversarial  still-failing  ${String(c['still-failing']).padStart(6)}`,
    `               fixed          ${String(c.fixed).padStart(6)}`,
    `  control      passed         ${String(c.passed).padStart(6)}`,
    `               regressed      ${String(c.regressed).padStart(6)}`,
  ];
  const changed = r.cases.filter((x) => x.status === 'regressed' || x.status === 'fixed');
  if (changed.length > 0) {
    const idw = Math.min(24, Math.max(2, ...changed.map((x) => x.case.id.length)));
    const lw = Math.max(15, ...changed.map((x) => x.case.expected.length + x.label.length + 4));
    lines.push('', `  ${'id'.padEnd(idw)}  status     ${'expected -> now'.padEnd(lw)}  text`);
    // Every regression is listed (they fail the gate); fixed cases up to a screenful.
    const regressed = changed.filter((x) => x.status === 'regressed');
    const fixed = changed.filter((x) => x.status === 'fixed');
    const shown = [...regressed, ...fixed.slice(0, MAX_FIXED_LISTED)];
    for (const x of shown) {
      lines.push(
        `  ${clip(x.case.id, idw).padEnd(idw)}  ${x.status.padEnd(9)}  ` +
          `${`${x.case.expected} -> ${x.label}`.padEnd(lw)}  ${clip(x.case.text, 64)}`,
      );
    }
    if (fixed.length > MAX_FIXED_LISTED)
      lines.push(`  … and ${fixed.length - MAX_FIXED_LISTED} more fixed case(s) (--json lists every case)`);
  }
  lines.push(
    '',
    `  Regressions: ${c.regressed} (allowed ${gate.maxRegressions}) -> ${gate.passed ? 'PASS' : 'FAIL'}`,
    `  Replayed ${r.cases.length} case(s) in ${(r.elapsedMs / 1000).toFixed(2)} s`,
    '',
  );
  return lines.join('\n');
}

const MAX_FIXED_LISTED = 20;

export function replayJson(suite: Suite, r: ReplayResult, gate: Gate): unknown {
  return {
    type: 'quiver-replay',
    schemaVersion: 1,
    suite: suite.path,
    source: suite.header.source,
    target: r.target,
    counts: r.counts,
    maxRegressions: gate.maxRegressions,
    passed: gate.passed,
    elapsedMs: r.elapsedMs,
    cases: r.cases.map((x) => ({
      kind: x.case.kind,
      id: x.case.id,
      status: x.status,
      expected: x.case.expected,
      label: x.label,
      text: x.case.text,
      ...(x.output === undefined ? {} : { output: x.output, failed: x.failed ?? null }),
    })),
  };
}

/**
 * JUnit for CI dashboards, matching the gate: a regression is a failure; a still-failing adversarial case is a
 * known failure, reported as skipped so it does not turn the build red; fixed and passed cases pass.
 */
export function renderReplayJUnit(suite: Suite, r: ReplayResult): string {
  const cases = r.cases.map(junitCase);
  return renderJUnit(`quiver replay ${suite.path}`, [
    {
      name: `${r.target} on ${suite.path}`,
      time: r.elapsedMs / 1000,
      properties: {
        target: r.target,
        recordedOn: suite.header.source.model,
        campaign: suite.header.source.campaign,
        campaignId: suite.header.source.campaignId,
      },
      cases,
    },
  ]);
}

/** One replayed case as a JUnit test case (the switch is exhaustive over the statuses: TypeScript checks it). */
function junitCase(x: ReplayedCase): JUnitCase {
  const name = `${x.case.kind} ${x.case.id}: ${x.case.text}`;
  const classname = `quiver.replay.${x.case.kind}`;
  switch (x.status) {
    case 'regressed':
      return {
        name,
        classname,
        outcome: {
          kind: 'failure',
          type: 'regressed',
          message: `expected ${x.case.expected}, got ${x.label}`,
          details: x.case.text,
        },
      };
    case 'still-failing':
      return {
        name,
        classname,
        outcome: {
          kind: 'skipped',
          message: `known adversarial failure: still answers ${x.label} (expected ${x.case.expected})`,
        },
      };
    case 'fixed':
      return {
        name,
        classname,
        outcome: { kind: 'passed' },
        systemOut: `fixed: now answers ${x.label}`,
      };
    case 'passed':
      return { name, classname, outcome: { kind: 'passed' } };
  }
}
