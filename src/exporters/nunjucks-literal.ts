/**
 * @module Values that promptfoo sends exactly as Quiver found them, whatever a dataset text contains.
 *
 * promptfoo (0.115) treats a var or assertion value in three ways before the model sees it: a value starting with
 * `file://` is read from disk (a `.js` or `.py` file is executed), one starting with `package:` is imported; then the
 * value is rendered as a Nunjucks template (where `{{ range.constructor("…")() }}` runs JavaScript); and a trailing
 * line break is cut from vars, edge whitespace from CSV `__expected` cells. A `{% raw %}` block cannot protect a text
 * that itself holds `{% endraw %}`, so nothing here relies on one.
 *
 * Instead, the characters that could start or end a Nunjucks tag (every `{`, and `#` before `}`), the first character
 * of a value that would otherwise be read as a reference (`file://`, `package:`, any `scheme:`) or as a spreadsheet
 * formula (`=`, `+`, `-`, `@`, tab, carriage return), and leading or trailing whitespace, are written as Nunjucks
 * string expressions such as `{{ "{" }}`. Rendering gives back the exact text; before rendering the value starts with
 * `{{` and holds no tag but these, so promptfoo neither loads, imports nor evaluates anything of the dataset's.
 */

/**
 * A Nunjucks string literal for `c` (its lexer knows only the `\n`, `\t`, `\r` escapes and `\` before anything else).
 */
function stringExpression(c: string): string {
  const body = c.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `{{ "${body}" }}`;
}

/** A value promptfoo would read as a file or package reference, or a spreadsheet as a formula. */
const GUARDED_HEAD = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|[=+\-@\t\r])/;
// U+2028/U+2029 stay as they are: inside `{{ "…" }}` they would end the line, and promptfoo would then take the
// expression for an unclosed tag and send it unrendered; promptfoo trims neither from a var.
const EDGE_SPACE = /[^\S\u2028\u2029]/;

/** The Nunjucks template that renders to exactly `s` and that promptfoo interprets in no other way. */
export function nunjucksLiteral(s: string): string {
  const guardHead = GUARDED_HEAD.test(s) || EDGE_SPACE.test(s.charAt(0));
  const last = s.length - 1;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const encode =
      c === '{' || (c === '#' && s[i + 1] === '}') || (i === 0 && guardHead) || (i === last && EDGE_SPACE.test(c));
    out += encode ? stringExpression(c) : c;
  }
  return out;
}
