/**
 * @module The `protect` constraint: words inside protected spans of the original are never edited or moved, and no
 * word is inserted inside a span. Spans come from regexes, label words, template variables (`{{input}}`), numbers,
 * and entities or names found by wink; each source is an option.
 */
import type { AttackText } from '../core/attack-text.js';
import type { TextAnalysis } from '../core/analysis.js';
import type { Constraint } from '../core/constraint.js';
import { ConfigError } from '../core/errors.js';
import { winkAnalyzer } from '../nlp/wink-analyzer.js';

export interface ProtectOptions {
  /** Words overlapping a match are protected (what `--protect` gives). */
  readonly patterns?: readonly RegExp[];
  /** Label names ("positive", "negative"): any case, as whole words. */
  readonly labels?: readonly string[];
  /** Template variables `{{name}}` and `{name}`, braces included, so nothing is inserted inside them. */
  readonly templateVariables?: boolean;
  /** Words with a digit, and words wink tags NUM ("three"). */
  readonly numbers?: boolean;
  /** Words in a wink entity (dates, times, money, URLs, e-mails, hashtags...) and names (PROPN). */
  readonly entities?: boolean;
}

/**
 * Compiles protect patterns as the constraint matches them (global, Unicode); a bad one is a ConfigError starting
 * with `where(pattern)`, which names where it came from (`--protect`, a `protect` constraint's options).
 */
export function compileProtectPatterns(patterns: readonly string[], where: (pattern: string) => string): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p, 'gu');
    } catch (err) {
      throw new ConfigError(`${where(p)} is not a valid regular expression: ${(err as Error).message}`);
    }
  });
}

/** One protected span: its character range in the original text. */
type Span = readonly [start: number, end: number];

/** Protected original word ids, and the spans an insertion must not fall inside. */
interface Protection {
  readonly ids: ReadonlySet<number>;
  readonly spans: readonly Span[];
  /** Character offset of each original word. */
  readonly starts: readonly number[];
}

const TEMPLATE_VARIABLE = /\{\{[^{}\n]*\}\}|\{[A-Za-z_][\w.-]*\}/gu;

export function protectConstraint(options: ProtectOptions, name = 'protect'): Constraint {
  const patterns = [...(options.patterns ?? []).map(globalCopy)];
  const labels = (options.labels ?? []).filter((l) => l.trim() !== '');
  if (options.labels !== undefined && labels.length !== options.labels.length) {
    throw new ConfigError(`${name}: labels must be non-empty strings`);
  }
  if (labels.length > 0) patterns.push(labelPattern(labels));
  if (options.templateVariables === true) patterns.push(TEMPLATE_VARIABLE);
  const tagged = options.numbers === true || options.entities === true;
  const cache = new WeakMap<AttackText, Protection>();
  const protection = (original: AttackText): Protection => {
    let p = cache.get(original);
    if (p === undefined) {
      const analysis = tagged ? winkAnalyzer.analyze(original.words, original.seps) : undefined;
      p = protect(original, patterns, analysis, options);
      cache.set(original, p);
    }
    return p;
  };
  return {
    name,
    allowsIndex(text, index, ctx) {
      const id = text.ids[index];
      return id !== undefined && !protection(ctx.original).ids.has(id);
    },
    allowsCandidate(candidate, _parent, ctx) {
      const last = candidate.lastEdit;
      if (last === undefined) return true;
      const prot = protection(ctx.original);
      if (last.changed.some((id) => prot.ids.has(id)) || last.moved.some((id) => prot.ids.has(id))) return false;
      // An insertion lands at the start of the word it precedes; inside a span it would alter the span.
      if (last.op.kind === 'insert' && last.op.beforeId !== null && last.op.beforeId < ctx.original.originalWordCount) {
        const at = prot.starts[last.op.beforeId]!;
        if (prot.spans.some(([s, e]) => s < at && at < e)) return false;
      }
      return true;
    },
  };
}

function globalCopy(p: RegExp): RegExp {
  // The caller's regexes may be non-global or stateful (lastIndex); scan with private global copies.
  return new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`);
}

function labelPattern(labels: readonly string[]): RegExp {
  const escaped = labels.map((l) => l.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

function protect(
  original: AttackText,
  patterns: readonly RegExp[],
  analysis: TextAnalysis | undefined,
  options: ProtectOptions,
): Protection {
  const starts: number[] = [];
  let pos = 0;
  for (let k = 0; k < original.length; k++) {
    pos += original.seps[k]!.length;
    starts.push(pos);
    pos += original.words[k]!.length;
  }
  const spans: Span[] = [];
  const text = original.text;
  for (const re of patterns) {
    for (const m of text.matchAll(re)) if (m[0].length > 0) spans.push([m.index, m.index + m[0].length]);
  }
  // Word-level sources: a run of consecutive flagged words is one span ("12 May 2020").
  const flagged = original.words.map((w, k) => {
    const info = analysis?.words[k];
    if (options.numbers === true && (/\p{N}/u.test(w) || info?.pos === 'NUM')) return true;
    return options.entities === true && info !== undefined && (info.entity || info.pos === 'PROPN');
  });
  for (let k = 0; k < flagged.length; k++) {
    if (!flagged[k]) continue;
    let j = k;
    while (j + 1 < flagged.length && flagged[j + 1]) j++;
    spans.push([starts[k]!, starts[j]! + original.words[j]!.length]);
    k = j;
  }
  const ids = new Set<number>();
  original.words.forEach((w, k) => {
    const ws = starts[k]!;
    const we = ws + w.length;
    if (spans.some(([s, e]) => ws < e && s < we)) ids.add(original.ids[k]!);
  });
  return { ids, spans, starts };
}
