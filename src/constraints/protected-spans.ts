/** @module Protected-spans constraint: words overlapping a pattern match in the original are never edited or moved. */
import type { AttackText } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';

/** For each protected original word id, the matches it overlaps (to tell "inside one span" from "between two"). */
type Protection = ReadonlyMap<number, readonly number[]>;

export function protectedSpansConstraint(patterns: readonly RegExp[]): Constraint {
  // The caller's regexes may be non-global or stateful (lastIndex); scan with private global copies.
  const scanners = patterns.map((p) => new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`));
  const cache = new WeakMap<AttackText, Protection>();
  const protection = (original: AttackText): Protection => {
    let p = cache.get(original);
    if (p === undefined) {
      p = protectedIds(original, scanners);
      cache.set(original, p);
    }
    return p;
  };
  return {
    name: 'protected-spans',
    allowsIndex(text, index, ctx) {
      const id = text.ids[index];
      return id !== undefined && !protection(ctx.original).has(id);
    },
    allowsCandidate(candidate, parent, ctx) {
      const last = candidate.lastEdit;
      if (last === undefined) return true;
      const prot = protection(ctx.original);
      if (last.changed.some((id) => prot.has(id)) || last.moved.some((id) => prot.has(id))) return false;
      // An insertion between two words of the same match would alter the protected span without touching its words.
      if (last.op.kind === 'insert' && last.op.beforeId !== null) {
        const k = parent.indexOfId(last.op.beforeId);
        const after = prot.get(last.op.beforeId);
        const before = k > 0 ? prot.get(parent.ids[k - 1]!) : undefined;
        if (after && before && after.some((m) => before.includes(m))) return false;
      }
      return true;
    },
  };
}

function protectedIds(original: AttackText, scanners: readonly RegExp[]): Protection {
  const text = original.text;
  // Character span of each original word.
  const spans: [number, number][] = [];
  let pos = 0;
  for (let k = 0; k < original.length; k++) {
    pos += original.seps[k]!.length;
    spans.push([pos, pos + original.words[k]!.length]);
    pos += original.words[k]!.length;
  }
  const result = new Map<number, number[]>();
  let matchNo = 0;
  for (const re of scanners) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) continue;
      spans.forEach(([ws, we], k) => {
        if (ws < end && start < we) {
          const id = original.ids[k]!;
          result.set(id, [...(result.get(id) ?? []), matchNo]);
        }
      });
      matchNo++;
    }
  }
  return result;
}
