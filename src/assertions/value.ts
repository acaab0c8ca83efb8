/**
 * @module An assertion's value as promptfoo resolves it before checking: a string is rendered with the test's vars
 * (`{{ name }}`, values inserted literally), `file://x.json|.yaml|.yml` is parsed, `file://x.txt` read and trimmed;
 * list items are resolved one by one. Script values (`file://x.js` outside `javascript`, `.py`, `package:`) are
 * refused: promptfoo would run them to compute the expected value.
 */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parsePromptfooYaml } from './yaml-compat.js';
import { renderTemplate } from '../templates/render.js';
import { AssertionConfigError, type AssertionSite } from './types.js';

export interface ValueContext {
  readonly site: AssertionSite;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly baseDir: string;
}

/** `file://path` or `file://path:name` split into an absolute path and the optional export name. */
export function fileReference(ref: string, baseDir: string): { path: string; name: string | undefined } {
  const body = ref.slice('file://'.length);
  const colon = body.lastIndexOf(':');
  // A colon after the extension names an export; a Windows drive letter's colon does not.
  const named = colon > 1 && /\.[cm]?[jt]s$/.test(body.slice(0, colon));
  return {
    path: resolve(baseDir, named ? body.slice(0, colon) : body),
    name: named ? body.slice(colon + 1) : undefined,
  };
}

function readReference(ref: string, ctx: ValueContext): unknown {
  const { path } = fileReference(ref, ctx.baseDir);
  const ext = extname(path).toLowerCase();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AssertionConfigError(ctx.site, 'value', `cannot read ${path}: ${(err as Error).message}`);
  }
  if (ext === '.txt') return text.trim();
  if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
    try {
      return parsePromptfooYaml(text);
    } catch (err) {
      throw new AssertionConfigError(
        ctx.site,
        'value',
        `${path} is not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message}`,
      );
    }
  }
  throw new AssertionConfigError(
    ctx.site,
    'value',
    `${ref}: a script computing the expected value is not run (only a javascript assertion loads code, from ` +
      `.js/.mjs/.cjs files); use .txt, .json or .yaml`,
  );
}

function renderString(s: string, ctx: ValueContext): unknown {
  if (s.startsWith('file://')) return readReference(s, ctx);
  if (/^package:/.test(s))
    throw new AssertionConfigError(ctx.site, 'value', `"${s}": package values are not supported`);
  try {
    return renderTemplate(s, ctx.vars);
  } catch (err) {
    throw new AssertionConfigError(ctx.site, 'value', (err as Error).message);
  }
}

/** The value ready to check (not for `javascript`, whose `file://` value is a module to load). */
export function resolveValue(value: unknown, ctx: ValueContext): unknown {
  if (typeof value === 'string') return renderString(value, ctx);
  if (Array.isArray(value)) return value.map((v: unknown) => (typeof v === 'string' ? renderString(v, ctx) : v));
  return value;
}
