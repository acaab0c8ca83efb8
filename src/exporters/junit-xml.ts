/** @module JUnit XML (the Ant/Surefire dialect CI dashboards read) from plain test outcomes. */
import { escapeXml } from './text-formats.js';

export type JUnitOutcome =
  | { readonly kind: 'passed' }
  | {
      readonly kind: 'failure' | 'error' | 'skipped';
      readonly message: string;
      readonly type?: string;
      readonly details?: string;
    };

export interface JUnitCase {
  readonly name: string;
  readonly classname: string;
  /** Seconds. */
  readonly time?: number;
  readonly outcome: JUnitOutcome;
  readonly systemOut?: string;
}

export interface JUnitSuite {
  readonly name: string;
  readonly timestamp?: string;
  readonly time?: number;
  readonly properties: Readonly<Record<string, string>>;
  readonly cases: readonly JUnitCase[];
}

export function renderJUnit(name: string, suites: readonly JUnitSuite[]): string {
  const all = suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}"${counts(all)}${timeAttr(sum(suites.map((s) => s.time)))}>`,
  ];
  for (const s of suites) {
    const ts = s.timestamp === undefined ? '' : ` timestamp="${escapeXml(s.timestamp)}"`;
    lines.push(`  <testsuite name="${escapeXml(s.name)}"${counts(s.cases)}${timeAttr(s.time)}${ts}>`);
    const props = Object.entries(s.properties);
    if (props.length > 0) {
      lines.push('    <properties>');
      for (const [k, v] of props) lines.push(`      <property name="${escapeXml(k)}" value="${escapeXml(v)}"/>`);
      lines.push('    </properties>');
    }
    for (const c of s.cases) lines.push(...testcase(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testcase(c: JUnitCase): string[] {
  const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}"${timeAttr(c.time)}`;
  const body: string[] = [];
  const o = c.outcome;
  if (o.kind !== 'passed') {
    const type = o.type === undefined ? '' : ` type="${escapeXml(o.type)}"`;
    const msg = ` message="${escapeXml(o.message)}"`;
    body.push(
      o.details === undefined
        ? `      <${o.kind}${msg}${type}/>`
        : `      <${o.kind}${msg}${type}>${escapeXml(o.details)}</${o.kind}>`,
    );
  }
  if (c.systemOut !== undefined) body.push(`      <system-out>${escapeXml(c.systemOut)}</system-out>`);
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, '    </testcase>'];
}

function counts(cases: readonly JUnitCase[]): string {
  const n = (k: JUnitOutcome['kind']) => cases.filter((c) => c.outcome.kind === k).length;
  return ` tests="${cases.length}" failures="${n('failure')}" errors="${n('error')}" skipped="${n('skipped')}"`;
}

function timeAttr(t: number | undefined): string {
  return t === undefined ? '' : ` time="${t.toFixed(3)}"`;
}

function sum(xs: readonly (number | undefined)[]): number | undefined {
  return xs.some((x) => x === undefined) ? undefined : xs.reduce<number>((a, x) => a + x!, 0);
}
