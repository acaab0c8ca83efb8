/**
 * @module HTML escaping for the reports. Every piece of text reaches the page through `escapeHtml`, usually via the
 * `html` tagged template, which escapes each interpolated value unless it is already-built `SafeHtml`.
 */

/** Text safe in HTML element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`\u0000]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '\u0000': '\uFFFD',
};

/** Markup that is already safe: built by `html` from escaped parts, or a trusted constant of this module's callers. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v instanceof SafeHtml) return v.html;
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** A template whose interpolations are escaped (arrays are joined; SafeHtml is inserted as is). */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/**
 * Fragments one after another: lets a long template be written as several, split where it reads best, with the
 * same markup as the one template.
 */
export function concatHtml(...parts: readonly SafeHtml[]): SafeHtml {
  return new SafeHtml(parts.map((p) => p.html).join(''));
}

/** Trusted markup written by Quiver itself (the page's CSS and script): never pass data through this. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
