/** @module Reads a Quiver suite (JSONL written by `quiver export --format jsonl`), checking every line it relies on. */
import { readFileSync } from 'node:fs';
import { ConfigError, InputError } from '../core/errors.js';
import { SUITE_SCHEMA_VERSION, type SuiteCaseLine, type SuiteHeader } from '../exporters/quiver-suite.js';
import type { CaseTest } from '../exporters/types.js';
import type { TestAssertion } from '../contracts/record.js';

export interface Suite {
  readonly path: string;
  readonly header: SuiteHeader;
  readonly cases: readonly SuiteCaseLine[];
}

export function readSuite(path: string): Suite {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read suite ${path}: ${(err as Error).message}`);
  }
  return parseSuite(path, text);
}

export function parseSuite(path: string, text: string): Suite {
  const lines = text.split('\n');
  let header: SuiteHeader | undefined;
  const cases: SuiteCaseLine[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new InputError(path, i + 1, '(line)', `not JSON: ${(err as Error).message}`);
    }
    if (header === undefined) {
      header = checkHeader(path, i + 1, v);
      continue;
    }
    const c = checkCase(path, i + 1, v);
    const key = `${c.kind}\u0000${c.id}`;
    if (seen.has(key)) throw new InputError(path, i + 1, 'id', `duplicate ${c.kind} case "${c.id}"`);
    seen.add(key);
    cases.push(c);
  }
  if (header === undefined) throw new ConfigError(`${path}: empty suite (no header line)`);
  return { path, header, cases };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkHeader(path: string, line: number, v: unknown): SuiteHeader {
  if (!isObject(v) || v.type !== 'quiver-suite') {
    throw new InputError(
      path,
      line,
      'type',
      'the first line must be a Quiver suite header ({"type":"quiver-suite",...}); export one with quiver export ' +
        '--format jsonl',
    );
  }
  const version = v.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new InputError(path, line, 'schemaVersion', `must be a positive integer, got ${JSON.stringify(version)}`);
  }
  if (version > SUITE_SCHEMA_VERSION) {
    throw new InputError(
      path,
      line,
      'schemaVersion',
      `suite schema ${version} is newer than this Quiver reads (${SUITE_SCHEMA_VERSION}); upgrade Quiver`,
    );
  }
  if (!isObject(v.source)) throw new InputError(path, line, 'source', 'missing');
  return v as unknown as SuiteHeader;
}

function checkCase(path: string, line: number, v: unknown): SuiteCaseLine {
  if (!isObject(v) || v.type !== 'case')
    throw new InputError(path, line, 'type', 'expected a case line ({"type":"case",...})');
  if (v.kind !== 'adversarial' && v.kind !== 'control') {
    throw new InputError(path, line, 'kind', `must be "adversarial" or "control", got ${JSON.stringify(v.kind)}`);
  }
  for (const f of ['id', 'text', 'expected'] as const) {
    if (typeof v[f] !== 'string' || (f !== 'text' && v[f] === ''))
      throw new InputError(path, line, f, 'must be a non-empty string');
  }
  return {
    type: 'case',
    kind: v.kind,
    id: v.id as string,
    index: typeof v.index === 'number' ? v.index : -1,
    text: v.text as string,
    original: typeof v.original === 'string' ? v.original : (v.text as string),
    expected: v.expected as string,
    recorded: typeof v.recorded === 'string' ? v.recorded : '',
    edits: Array.isArray(v.edits) ? (v.edits as SuiteCaseLine['edits']) : [],
    flipDistance: typeof v.flipDistance === 'number' ? v.flipDistance : null,
    stability: typeof v.stability === 'number' ? v.stability : null,
    ...(v.test === undefined ? {} : { test: checkTest(path, line, v.test) }),
  };
}

/** An assertion case's test: the fields replay renders, calls and checks with. */
function checkTest(path: string, line: number, t: unknown): CaseTest {
  if (!isObject(t)) throw new InputError(path, line, 'test', "must be an object (an assertion case's test)");
  const run = t.run;
  if (!isObject(run)) throw new InputError(path, line, 'test.run', 'must be an object');
  if (!isObject(run.vars)) throw new InputError(path, line, 'test.run.vars', 'must be an object');
  if (typeof run.template !== 'string') throw new InputError(path, line, 'test.run.template', 'must be a string');
  const assert: TestAssertion[] = [];
  for (const a of Array.isArray(run.assert) ? run.assert : [null]) {
    if (!isObject(a) || typeof a.file !== 'string' || typeof a.where !== 'string' || typeof a.baseDir !== 'string') {
      throw new InputError(path, line, 'test.run.assert', 'must be a list of {spec, file, where, baseDir}');
    }
    assert.push({ spec: a.spec, file: a.file, where: a.where, baseDir: a.baseDir });
  }
  const perturbVar = t.perturbVar;
  if (typeof perturbVar !== 'string' || perturbVar === '')
    throw new InputError(path, line, 'test.perturbVar', 'must be a non-empty string');
  const target = t.target;
  if (!isObject(target) || typeof target.spec !== 'string' || !isObject(target.options))
    throw new InputError(path, line, 'test.target', 'must be {"spec", "options"}');
  const text = (k: string): string => (typeof t[k] === 'string' ? t[k] : '');
  const failed = t.failed;
  return {
    run: {
      where: typeof run.where === 'string' ? run.where : '',
      vars: run.vars,
      template: run.template,
      target: 0,
      assert,
      threshold: typeof run.threshold === 'number' ? run.threshold : null,
    },
    perturbVar,
    target: { spec: target.spec, options: target.options },
    originalOutput: text('originalOutput'),
    recordedOutput: text('recordedOutput'),
    failed:
      isObject(failed) && typeof failed.type === 'string'
        ? {
            index: typeof failed.index === 'number' ? failed.index : -1,
            type: failed.type,
            where: String(failed.where ?? ''),
            reason: String(failed.reason ?? ''),
          }
        : null,
  };
}
