/**
 * @module Prompt templates in promptfoo's Nunjucks style, reduced to variable references: `{{ name }}`,
 * `{{ name.field }}`, `{{ name[0] }}`, and the whitespace-trimming forms `{{- name -}}`. Values are inserted
 * literally: a `{{` or `{%` inside a value is text, never a template, so a perturbed input cannot inject template
 * code (promptfoo, by contrast, renders var values as templates too). Anything else Nunjucks would read as a tag
 * (`{% if %}`, filters, expressions, comments) is refused with its position, rather than sent half-rendered.
 */
import { ConfigError } from '../core/errors.js';

/** A template that uses Nunjucks syntax beyond variable references. */
export class TemplateError extends ConfigError {
  override readonly code = 'QUIVER_TEMPLATE';
  constructor(
    readonly offset: number,
    problem: string,
  ) {
    super(problem);
    this.name = 'TemplateError';
  }
}

type Part =
  | { readonly text: string }
  | {
      readonly path: readonly (string | number)[];
      readonly name: string;
      readonly trimLeft: boolean;
      readonly trimRight: boolean;
    };

const TAG_START = /\{[{%#]/g;
const REFERENCE = /^\{\{(-?)\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*)\s*(-?)\}\}/;

function parse(template: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  TAG_START.lastIndex = 0;
  for (let m = TAG_START.exec(template); m !== null; m = TAG_START.exec(template)) {
    const ref = REFERENCE.exec(template.slice(m.index));
    if (ref === null) {
      const line = template.slice(0, m.index).split('\n').length;
      const shown = template.slice(m.index, m.index + 30).split('\n')[0];
      throw new TemplateError(
        m.index,
        `line ${line}: unsupported template syntax at "${shown}": Quiver renders only variable references such as ` +
          `{{ name }}`,
      );
    }
    parts.push({ text: template.slice(at, m.index) });
    const path = ref[2]!
      .split(/\.|\[|\]/)
      .filter((s) => s !== '')
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    parts.push({ path, name: String(path[0]), trimLeft: ref[1] === '-', trimRight: ref[3] === '-' });
    at = m.index + ref[0].length;
    TAG_START.lastIndex = at;
  }
  parts.push({ text: template.slice(at) });
  return parts;
}

/** Every variable name the template refers to, in order of first use. */
export function templateVariables(template: string): string[] {
  const names: string[] = [];
  for (const p of parse(template)) if ('name' in p && !names.includes(p.name)) names.push(p.name);
  return names;
}

function lookup(vars: Readonly<Record<string, unknown>>, path: readonly (string | number)[]): unknown {
  let v: unknown = vars;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** How Nunjucks prints a value: missing and null as '', arrays joined with ',', objects as JSON (promptfoo's vars). */
function printed(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.replace(/\n$/, '');
  if (Array.isArray(value)) return value.map((v) => printed(v)).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The template with each reference replaced by its var's value, inserted literally. As in promptfoo, one trailing
 * line break of a string var is dropped and a missing var prints as ''; callers that need every var present check
 * `templateVariables` first.
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, unknown>>): string {
  const parts = parse(template);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if ('text' in p) {
      let text = p.text;
      const prev = parts[i - 1];
      const next = parts[i + 1];
      if (prev !== undefined && 'trimRight' in prev && prev.trimRight) text = text.replace(/^\s+/, '');
      if (next !== undefined && 'trimLeft' in next && next.trimLeft) text = text.replace(/\s+$/, '');
      out += text;
    } else {
      out += printed(lookup(vars, p.path));
    }
  }
  return out;
}
