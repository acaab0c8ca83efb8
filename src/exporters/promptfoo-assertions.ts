/**
 * @module The promptfoo config of an assertion campaign's cases: the suite's prompts and providers, and one test per
 * case with the test's own vars (the perturbed var holding the adversarial text), provider, options, threshold and
 * assertions as written, so `promptfoo eval` fails on exactly the adversarial cases while the model keeps failing
 * them (and passes the controls). Every var goes through nunjucksLiteral, so promptfoo sends the texts Quiver sent;
 * an assertion value that refers to a var is written as Quiver checked it (rendered with the original vars), and
 * `file://` references become absolute, so the file works from any folder.
 */
import type { TestAssertion } from '../contracts/record.js';
import type { ProviderSpec } from '../promptfoo-config/index.js';
import { fileReference } from '../assertions/value.js';
import { renderTemplate, templateVariables } from '../templates/render.js';
import { caseTitle, familiesOf } from './cases.js';
import { nunjucksLiteral } from './nunjucks-literal.js';
import type { CaseTest, ExportInput, SuiteCase } from './types.js';
import { toYaml, type YamlValue } from './yaml.js';

type Json = { [key: string]: YamlValue | undefined };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Plain YAML data: dates as ISO text, everything else as JSON sees it. */
function plain(v: unknown): YamlValue {
  if (v instanceof Date) return v.toISOString();
  return JSON.parse(JSON.stringify(v ?? null)) as YamlValue;
}

function exportVar(v: unknown): YamlValue {
  if (typeof v === 'string') return nunjucksLiteral(v);
  if (v instanceof Date) return nunjucksLiteral(v.toISOString());
  return plain(v);
}

/**
 * A string value as Quiver checked it: file references made absolute, var references rendered with the original
 * vars.
 */
function exportString(s: string, a: TestAssertion, originalVars: Readonly<Record<string, unknown>>): string {
  if (s.startsWith('file://')) {
    const { path, name } = fileReference(s, a.baseDir); // resolved against the folder it was written in
    return `file://${path}${name === undefined ? '' : `:${name}`}`;
  }
  let refs: string[];
  try {
    refs = templateVariables(s);
  } catch {
    return s; // not a template Quiver renders; compiled as written, so written as it was
  }
  return refs.length === 0 ? s : nunjucksLiteral(renderTemplate(s, originalVars));
}

function exportAssertion(
  a: TestAssertion,
  originalVars: Readonly<Record<string, unknown>>,
  baseUrl: string | undefined,
): YamlValue {
  const spec = isRecord(a.spec) ? a.spec : {};
  const out: Json = {};
  for (const [k, v] of Object.entries(spec)) {
    if (k === 'value') {
      out[k] =
        typeof v === 'string'
          ? exportString(v, a, originalVars)
          : Array.isArray(v)
            ? v.map((x) => (typeof x === 'string' ? exportString(x, a, originalVars) : plain(x)))
            : plain(v);
    } else if (k === 'provider') out[k] = withBaseUrl(plain(v), baseUrl);
    else out[k] = plain(v);
  }
  return out;
}

/** A provider entry (e.g. `similar`'s embedding provider) pointed at `baseUrl` when given. */
function withBaseUrl(p: YamlValue, baseUrl: string | undefined): YamlValue {
  if (baseUrl === undefined || !isRecord(p) || !isRecord(p.config) || typeof p.config.apiBaseUrl !== 'string') return p;
  return { ...(p as Json), config: { ...(p.config as Json), apiBaseUrl: baseUrl } };
}

function providerEntry(p: ProviderSpec, baseUrl: string | undefined): YamlValue {
  const label = p.label === p.id ? {} : { label: p.label };
  const prompts = p.prompts === null ? {} : { prompts: [...p.prompts] };
  if (p.kind === 'quiver') return { id: p.id, ...label, ...prompts };
  const url = baseUrl ?? p.baseURL ?? undefined;
  return {
    id: p.id,
    ...label,
    config: { ...(plain(p.config) as Json), ...(url === undefined ? {} : { apiBaseUrl: url }) },
    ...prompts,
  };
}

function assertionTest(c: SuiteCase, t: CaseTest, input: ExportInput): YamlValue {
  const cell = input.suite!.runs[c.index]!;
  const baseUrl = input.options.apiBaseUrl;
  const vars: Json = {};
  for (const [k, v] of Object.entries(t.run.vars)) vars[k] = exportVar(k === t.perturbVar ? c.text : v);
  const options: Json = {};
  if (cell.test.prefix !== '') options.prefix = nunjucksLiteral(cell.test.prefix);
  if (cell.test.suffix !== '') options.suffix = nunjucksLiteral(cell.test.suffix);
  const p = input.provenance;
  return {
    description: caseTitle(c),
    vars,
    ...(cell.test.provider === undefined ? {} : { provider: providerEntry(cell.test.provider, baseUrl) }),
    ...(Object.keys(options).length === 0 ? {} : { options }),
    ...(t.run.threshold === null ? {} : { threshold: t.run.threshold }),
    assert: t.run.assert.map((a) => exportAssertion(a, t.run.vars, baseUrl)),
    metadata: {
      ...(plain(cell.test.metadata) as Json),
      quiverKind: c.kind,
      exampleId: c.id,
      exampleIndex: c.index,
      test: t.run.where,
      perturbVar: t.perturbVar,
      originalText: c.original,
      originalOutput: t.originalOutput,
      recordedOutput: t.recordedOutput,
      failedAssertion: t.failed === null ? null : { ...t.failed },
      families: familiesOf(c),
      edits: c.edits.map((e) => ({ family: e.family, position: e.position, from: e.from, to: e.to })),
      flipDistance: c.flipDistance,
      stability: c.stability,
      campaign: p.campaign,
      campaignId: p.campaignId,
      seed: p.seed,
      date: p.date,
      testsSha256: p.dataset.sha256,
      quiverVersion: p.quiverVersion,
    },
  };
}

export function renderAssertionSuite(input: ExportInput): string {
  const suite = input.suite!;
  const p = input.provenance;
  const baseUrl = input.options.apiBaseUrl;
  const tests = input.cases.map((c) => assertionTest(c, c.test!, input));
  const adversarial = input.cases.filter((c) => c.kind === 'adversarial').length;
  const doc: YamlValue = {
    description:
      `Quiver regression suite: ${suite.suite.description ?? suite.info.file}, ` +
      `campaign ${p.campaign} (seed ${p.seed})`,
    prompts: suite.suite.prompts.map((pr) => ({ raw: pr.template, label: pr.label })),
    providers: suite.suite.providers.map((pr) => providerEntry(pr, baseUrl)),
    tests,
  };
  const comment = [
    `Quiver regression suite for promptfoo, exported from campaign ${p.campaign} (${p.campaignId}).`,
    `Tests of ${suite.info.file} (sha256 ${suite.info.testsSha256}), var "${suite.info.perturbVar}" perturbed; ` +
      `seed ${p.seed}, campaign started ${p.date}.`,
    `${adversarial} adversarial cases ` +
      '(minimal edits of the var that make a passing test fail; they fail until the model is fixed)',
    `and ${input.cases.length - adversarial} controls (original vars the search could not break; they should pass).`,
    'Run: promptfoo eval -c <this file>. ' +
      'Bundled-task providers (quiver-<task> models) are answered by: quiver serve --model task:all',
  ];
  return toYaml(doc, comment);
}
