/**
 * @module Turns one assertion of a test into an evaluator: checks its type and value once (errors name the file,
 * test, assertion and field), resolves the value with the test's original vars, loads any module or word vectors,
 * and returns a function from an output to pass, promptfoo's score, a search margin and the signal behind it.
 * An assertion without a margin of its own uses the model's probability of the span it depends on when the endpoint
 * returned token logprobs (expected-logprob.ts), else the token edit distance to the original output.
 */
import { loadWordVectors, vectorsPathOr } from '../nlp/word-vectors.js';
import {
  isSupportedType,
  MODEL_GRADED_TYPES,
  OTHER_PROMPTFOO_TYPES,
  SUPPORTED_TYPES,
  type SupportedType,
} from './catalog.js';
import { unchanged } from './changed.js';
import type { Check } from './check.js';
import { DEFAULT_LEVENSHTEIN_THRESHOLD, levenshtein, outputDistance } from './distance.js';
import { expectedLogprobMargin, expectedProbability } from './expected-logprob.js';
import { expectedSpanLocator, type SpanLocator } from './expected-span.js';
import { loadAssertionFunction, runJavascript, type AssertionFunction } from './javascript.js';
import { containsJson, isJson } from './json.js';
import { checkJsonPath, javascriptJsonPath, parseJsonPath, type JsonPathExpression } from './json-path.js';
import { compileSchema, type Validate } from './json-schema.js';
import { DEFAULT_SIMILAR_THRESHOLD, similar } from './similar.js';
import { contains, containsAll, containsAny, equals, matchesRegex, startsWith, valueList } from './text.js';
import {
  AssertionConfigError,
  UnsupportedAssertionError,
  type AssertionOutcome,
  type AssertionSite,
  type AssertionSpec,
  type EvaluationContext,
  type SearchSignal,
} from './types.js';
import { fileReference, resolveValue, type ValueContext } from './value.js';
import { parsePromptfooYaml } from './yaml-compat.js';

export interface CompileOptions extends ValueContext {
  /** Word-vector asset for `similar` (default: the bundled one). */
  readonly vectorsPath?: string;
}

export interface CompiledAssertion {
  readonly spec: AssertionSpec;
  readonly baseType: SupportedType;
  readonly inverse: boolean;
  /**
   * The signal its margin comes from when it has one of its own; else `output-distance` (or `none` without an
   * original).
   */
  readonly signal: SearchSignal;
  /**
   * True when its margin can come from token logprobs (`expected-logprob`): a campaign asks the endpoint for them only
   * for tests with such an assertion.
   */
  readonly usesLogprobs: boolean;
  evaluate(output: string, context: EvaluationContext): Promise<AssertionOutcome>;
}

/** What compiling read from the value, for the `expected-logprob` span: the resolved value, a JSON-path comparison. */
interface Parsed {
  value: unknown;
  jsonPath: JsonPathExpression | null;
}

type Checker = (output: string, context: EvaluationContext) => Check | Promise<Check>;

const OWN_SIGNAL: Partial<Record<SupportedType, SearchSignal>> = {
  similar: 'similarity',
  levenshtein: 'edit-distance',
  'json-path': 'numeric-field',
  javascript: 'script-score',
  changed: 'none',
};

function readSpec(raw: unknown, site: AssertionSite): AssertionSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new AssertionConfigError(site, 'type', 'an assertion must be an object with a "type"');
  const spec = raw as Record<string, unknown>;
  if (typeof spec.type !== 'string' || spec.type === '')
    throw new AssertionConfigError(site, 'type', 'an assertion needs a string "type"');
  if (spec.threshold !== undefined && (typeof spec.threshold !== 'number' || !Number.isFinite(spec.threshold)))
    throw new AssertionConfigError(site, 'threshold', `must be a number, got ${JSON.stringify(spec.threshold)}`);
  if (spec.weight !== undefined && (typeof spec.weight !== 'number' || spec.weight < 0))
    throw new AssertionConfigError(site, 'weight', `must be a number ≥ 0, got ${JSON.stringify(spec.weight)}`);
  if (spec.transform !== undefined)
    throw new AssertionConfigError(
      site,
      'transform',
      'output transforms run code and are not supported; check the raw output instead',
    );
  if (
    spec.config !== undefined &&
    (typeof spec.config !== 'object' || spec.config === null || Array.isArray(spec.config))
  )
    throw new AssertionConfigError(site, 'config', 'must be an object');
  return {
    type: spec.type,
    ...(spec.value === undefined ? {} : { value: spec.value }),
    ...(spec.threshold === undefined ? {} : { threshold: spec.threshold }),
    ...(spec.weight === undefined ? {} : { weight: spec.weight as number }),
    ...(typeof spec.metric === 'string' ? { metric: spec.metric } : {}),
    ...(spec.config === undefined ? {} : { config: spec.config as Record<string, unknown> }),
  };
}

function baseTypeOf(spec: AssertionSpec, site: AssertionSite): { baseType: SupportedType; inverse: boolean } {
  const inverse = spec.type.startsWith('not-');
  const base = inverse ? spec.type.slice(4) : spec.type;
  if (isSupportedType(base)) {
    if (base === 'changed' && inverse)
      throw new AssertionConfigError(
        site,
        'type',
        '"not-changed" fails on every original output, so no test could be attacked; use "changed"',
      );
    return { baseType: base, inverse };
  }
  if (MODEL_GRADED_TYPES.has(base) || base.startsWith('select-'))
    throw new UnsupportedAssertionError(
      site,
      spec.type,
      'it is model-graded (it needs an LLM grader); Quiver searches deterministic assertions only',
    );
  const why = OTHER_PROMPTFOO_TYPES[base];
  if (why !== undefined) throw new UnsupportedAssertionError(site, spec.type, why);
  throw new UnsupportedAssertionError(
    site,
    spec.type,
    `unknown assertion type; Quiver supports ${SUPPORTED_TYPES.join(', ')} (each also as not-<type>, except changed)`,
  );
}

function need(cond: boolean, site: AssertionSite, problem: string): void {
  if (!cond) throw new AssertionConfigError(site, 'value', problem);
}

function schemaOf(value: unknown, site: AssertionSite): Validate | null {
  if (value === undefined || value === null || value === '' || value === false || value === 0) return null;
  let schema: unknown = value;
  if (typeof value === 'string') {
    try {
      schema = parsePromptfooYaml(value);
    } catch (err) {
      throw new AssertionConfigError(site, 'value', `the schema is not valid YAML or JSON: ${(err as Error).message}`);
    }
  }
  need(
    typeof schema === 'object' || typeof schema === 'boolean',
    site,
    'must be a JSON schema (an object, or YAML/JSON text of one)',
  );
  try {
    return compileSchema(schema);
  } catch (err) {
    throw new AssertionConfigError(site, 'value', `schema: ${(err as Error).message}`);
  }
}

async function javascriptChecker(
  spec: AssertionSpec,
  inverse: boolean,
  options: CompileOptions,
): Promise<{ checker: Checker; jsonPath: JsonPathExpression | null }> {
  const { site } = options;
  need(
    typeof spec.value === 'string' && spec.value.trim() !== '',
    site,
    'a javascript assertion needs a "file://module.js" value',
  );
  const value = String(spec.value);
  if (!value.startsWith('file://')) {
    const expr = javascriptJsonPath(resolveValue(value, options) as string);
    if (expr !== null)
      return { checker: (output, ctx) => checkJsonPath(output, expr, inverse, ctx.originalOutput), jsonPath: expr };
    throw new AssertionConfigError(
      site,
      'value',
      'inline JavaScript is not run by Quiver (configs and datasets are data, not code): move it into a module and ' +
        'use "file://check.js" (or "file://check.js:functionName"); the one inline form read without running it is ' +
        'a JSON-path comparison such as JSON.parse(output).total === 42.5',
    );
  }
  const { path, name } = fileReference(value, options.baseDir);
  let fn: AssertionFunction;
  try {
    fn = await loadAssertionFunction(path, name);
  } catch (err) {
    throw new AssertionConfigError(site, 'value', `cannot load ${value}: ${(err as Error).message}`);
  }
  const checker: Checker = (output, ctx) =>
    runJavascript(
      fn,
      output,
      {
        prompt: ctx.prompt,
        vars: ctx.vars,
        test: { vars: ctx.vars },
        ...(spec.config === undefined ? {} : { config: structuredClone(spec.config) }),
      },
      spec.threshold,
      inverse,
    );
  return { checker, jsonPath: null };
}

function checkerFor(
  baseType: Exclude<SupportedType, 'javascript'>,
  spec: AssertionSpec,
  inverse: boolean,
  options: CompileOptions,
  parsed: Parsed,
): Checker {
  const { site } = options;
  const value = resolveValue(spec.value, options);
  parsed.value = value;
  const nonEmpty = (v: unknown): boolean => v !== undefined && v !== null && v !== '' && v !== 0 && v !== false;
  switch (baseType) {
    case 'equals':
      need(spec.value !== undefined, site, 'an equals assertion needs a value');
      return (output) => equals(output, value, inverse);
    case 'contains':
    case 'icontains': {
      need(
        nonEmpty(value) && (typeof value === 'string' || typeof value === 'number'),
        site,
        `"${baseType}" needs a non-empty string or number value`,
      );
      const v = value as string | number;
      return (output) => contains(output, v, inverse, baseType === 'icontains');
    }
    case 'contains-any':
    case 'icontains-any':
    case 'contains-all':
    case 'icontains-all': {
      need(
        nonEmpty(value) && (typeof value === 'string' || Array.isArray(value)),
        site,
        `"${baseType}" needs a list (or a comma-separated string) value`,
      );
      const items = valueList(value as string | unknown[], baseType === 'contains-any');
      const ignoreCase = baseType.startsWith('i');
      return baseType.endsWith('any')
        ? (output) => containsAny(output, items, inverse, ignoreCase)
        : (output) => containsAll(output, items, inverse, ignoreCase);
    }
    case 'starts-with': {
      need(typeof value === 'string' && value !== '', site, '"starts-with" needs a non-empty string value');
      const v = value as string;
      return (output) => startsWith(output, v, inverse);
    }
    case 'regex': {
      need(typeof value === 'string' && value !== '', site, '"regex" needs a non-empty string value');
      let re: RegExp;
      try {
        re = new RegExp(value as string);
      } catch (err) {
        // promptfoo fails such a test on every output; Quiver stops at once, since no test with it could be attacked.
        throw new AssertionConfigError(site, 'value', `invalid regular expression: ${(err as Error).message}`);
      }
      return (output) => matchesRegex(output, re, inverse);
    }
    case 'is-json':
    case 'contains-json': {
      const validate = schemaOf(value, site);
      return baseType === 'is-json'
        ? (output) => isJson(output, validate, inverse)
        : (output) => containsJson(output, validate, inverse);
    }
    case 'levenshtein': {
      need(typeof value === 'string', site, '"levenshtein" needs a string value (the expected output)');
      const v = value as string;
      const threshold = spec.threshold ?? DEFAULT_LEVENSHTEIN_THRESHOLD;
      return (output) => levenshtein(output, v, threshold);
    }
    case 'similar': {
      const texts =
        typeof value === 'string'
          ? [value]
          : Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')
            ? (value as string[])
            : null;
      need(texts !== null, site, '"similar" needs a string or a list of strings value');
      const vectors = loadWordVectors(vectorsPathOr(options.vectorsPath));
      const threshold = spec.threshold ?? DEFAULT_SIMILAR_THRESHOLD;
      return (output) => similar(vectors, output, texts!, threshold, inverse);
    }
    case 'json-path': {
      need(typeof value === 'string', site, '"json-path" needs a comparison such as "$.total == 42.5"');
      let expr: JsonPathExpression;
      try {
        expr = parseJsonPath(value as string);
      } catch (err) {
        throw new AssertionConfigError(site, 'value', (err as Error).message);
      }
      parsed.jsonPath = expr;
      return (output, ctx) => checkJsonPath(output, expr, inverse, ctx.originalOutput);
    }
    case 'changed':
      return (output, ctx) => {
        if (ctx.originalOutput === undefined)
          throw new Error(`${site.file}: ${site.path}: "changed" needs the original output`);
        return unchanged(output, ctx.originalOutput, inverse);
      };
  }
}

export async function compileAssertion(raw: unknown, options: CompileOptions): Promise<CompiledAssertion> {
  const spec = readSpec(raw, options.site);
  const { baseType, inverse } = baseTypeOf(spec, options.site);
  let checker: Checker;
  let signal: SearchSignal | undefined = OWN_SIGNAL[baseType];
  const parsed: Parsed = { value: undefined, jsonPath: null };
  if (baseType === 'javascript') {
    const js = await javascriptChecker(spec, inverse, options);
    checker = js.checker;
    parsed.jsonPath = js.jsonPath;
    if (js.jsonPath !== null) signal = 'numeric-field';
  } else {
    checker = checkerFor(baseType, spec, inverse, options, parsed);
  }
  const forcedPass = spec.weight === 0;
  const locate: SpanLocator | null = forcedPass
    ? null
    : expectedSpanLocator(baseType, inverse, parsed.value, parsed.jsonPath);
  /** P(span) of the original output when this example uses `expected-logprob`, else null (decided on the original). */
  const originalProbability = (context: EvaluationContext): number | null => {
    if (locate === null || context.originalOutput === undefined) return null;
    const p = expectedProbability(locate, context.originalOutput, context.originalTokens);
    return p === null || p >= 1 ? null : p;
  };
  return {
    spec,
    baseType,
    inverse,
    signal: signal ?? 'output-distance',
    usesLogprobs: locate !== null,
    async evaluate(output, context) {
      const check = await checker(output, context);
      // promptfoo: an assertion of weight 0 only reports a metric and cannot fail.
      const pass = forcedPass || check.pass;
      const own = check.margin !== undefined && signal !== undefined;
      const original = own ? null : originalProbability(context);
      let margin: number;
      let used: SearchSignal;
      if (!pass) [margin, used] = [1, own ? signal! : original !== null ? 'expected-logprob' : 'none'];
      else if (forcedPass) [margin, used] = [0, 'none'];
      else if (own) [margin, used] = [check.margin!, signal!];
      else if (original !== null)
        [margin, used] = [expectedLogprobMargin(locate!, output, context.tokens, original), 'expected-logprob'];
      else if (baseType !== 'changed' && context.originalOutput !== undefined)
        [margin, used] = [outputDistance(context.originalOutput, output), 'output-distance'];
      else [margin, used] = [0, 'none'];
      return {
        pass,
        score: check.score,
        margin,
        signal: used,
        reason: check.reason,
        ...(check.error === undefined ? {} : { error: check.error }),
      };
    },
  };
}
