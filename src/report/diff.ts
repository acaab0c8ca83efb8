/** @module Word-level diff of an original and an adversarial text, for highlighting the edits in reports. */

export interface DiffPart {
  readonly kind: 'same' | 'del' | 'ins';
  readonly text: string;
}

// Words (letters/digits joined by apostrophes or hyphens) and, separately, every run of anything else.
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\p{L}\p{N}]+/gu;

export function tokenize(s: string): string[] {
  return s.match(TOKEN) ?? [];
}

/** Longest-common-subsequence diff over tokens; very long texts (beyond ~4M cells) fall back to delete + insert. */
export function diffWords(a: string, b: string): DiffPart[] {
  if (a === b) return a === '' ? [] : [{ kind: 'same', text: a }];
  const x = tokenize(a);
  const y = tokenize(b);
  // Common prefix and suffix first: most adversarial edits touch a few words of a long text.
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  const xm = x.slice(pre, x.length - suf);
  const ym = y.slice(pre, y.length - suf);
  const parts: DiffPart[] = [];
  push(parts, 'same', x.slice(0, pre).join(''));
  if (xm.length * ym.length > 4_000_000) {
    push(parts, 'del', xm.join(''));
    push(parts, 'ins', ym.join(''));
  } else {
    for (const p of lcsDiff(xm, ym)) push(parts, p.kind, p.text);
  }
  push(parts, 'same', x.slice(x.length - suf).join(''));
  return parts;
}

function lcsDiff(x: readonly string[], y: readonly string[]): DiffPart[] {
  const n = x.length;
  const m = y.length;
  // L[i][j] = LCS length of x[i:] and y[j:], in one flat array.
  const L = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[at(i, j)] = x[i] === y[j] ? L[at(i + 1, j + 1)]! + 1 : Math.max(L[at(i + 1, j)]!, L[at(i, j + 1)]!);
    }
  }
  const out: DiffPart[] = [];
  const dels: string[] = [];
  const ins: string[] = [];
  const flush = () => {
    if (dels.length > 0) out.push({ kind: 'del', text: dels.splice(0).join('') });
    if (ins.length > 0) out.push({ kind: 'ins', text: ins.splice(0).join('') });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      flush();
      out.push({ kind: 'same', text: x[i]! });
      i++;
      j++;
    } else if (j >= m || (i < n && L[at(i + 1, j)]! >= L[at(i, j + 1)]!)) {
      dels.push(x[i++]!);
    } else {
      ins.push(y[j++]!);
    }
  }
  flush();
  return out;
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last !== undefined && last.kind === kind) parts[parts.length - 1] = { kind, text: last.text + text };
  else parts.push({ kind, text });
}
