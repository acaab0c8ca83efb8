/** @module A comparison as terminal tables: metrics side by side, pair tests, transferability, family attribution. */
import type { Comparison } from './compare.js';

export const pct = (x: number | null | undefined, d = 1): string =>
  x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(d)}%`;
const num = (x: number | null | undefined, d = 2): string => (x === null || x === undefined ? 'n/a' : x.toFixed(d));

export function formatP(p: number): string {
  if (p < 0.0001) return '<0.0001';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(4);
}

function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  return rows.map(
    (r) =>
      indent +
      r
        .map((cell, j) => (j === r.length - 1 ? cell : cell.padEnd(widths[j]!)))
        .join('  ')
        .trimEnd(),
  );
}

export function metricRows(c: Comparison): string[][] {
  const ms = c.models;
  const row = (label: string, f: (s: Comparison['models'][number]['summary']) => string) => [
    label,
    ...ms.map((m) => f(m.summary)),
  ];
  const tests = isAssertionComparison(c);
  return [
    ['', ...ms.map((m) => m.name)],
    row(tests ? 'Test runs' : 'Examples', (s) => String(s.examples)),
    row(tests ? 'Original pass rate' : 'Original accuracy', (s) => pct(s.originalAccuracy)),
    row(tests ? 'Pass rate under attack' : 'Accuracy under attack', (s) => pct(s.accuracyUnderAttack)),
    row('Attack success rate', (s) => pct(s.attackSuccessRate)),
    row('Stability (95% CI)', (s) => {
      const st = s.stabilityScore;
      return st.mean === null ? 'n/a' : `${st.mean.toFixed(3)} [${st.ci95![0].toFixed(3)}, ${st.ci95![1].toFixed(3)}]`;
    }),
    row('Mean flip distance', (s) => num(s.avgFlipDistance)),
    row('Queries / example', (s) => `${num(s.avgQueries, 1)} (${num(s.avgUniqueQueries, 1)} unique)`),
    row('Perturbed words', (s) => (s.avgPerturbedWordPct === null ? 'n/a' : `${s.avgPerturbedWordPct.toFixed(1)}%`)),
  ];
}

/** Every campaign compared is an assertion campaign: its examples are test runs, its accuracy a pass rate. */
export function isAssertionComparison(c: Comparison): boolean {
  return c.models.every((m) => m.summary.assertions !== undefined);
}

export function renderComparison(c: Comparison): string {
  const out: string[] = [''];
  const tests = isAssertionComparison(c);
  const scope =
    c.mode === 'identical'
      ? tests
        ? 'same tests'
        : 'same dataset and examples'
      : `intersection; left out per campaign: ${c.dropped.join(', ')}` +
        `${c.conflicting.length > 0 ? `, ${c.conflicting.length} conflicting` : ''}`;
  out.push(
    `Quiver comparison: ${c.models.length} campaigns on ${c.examples} ${tests ? 'test runs' : 'examples'} (${scope})`,
    '',
  );
  out.push(...table(metricRows(c)));
  out.push(
    '',
    'Paired McNemar tests on per-example robustness (exact binomial when b+c < 25, else chi-square with continuity ' +
      'correction)',
  );
  out.push(
    ...table([
      ['A', 'B', 'n', 'both', 'only A (b)', 'only B (c)', 'neither', 'acc. diff', 'test', 'p'],
      ...c.pairs.map((p) => [
        p.a,
        p.b,
        String(p.n),
        String(p.bothRobust),
        String(p.onlyA),
        String(p.onlyB),
        String(p.neither),
        p.difference === null ? 'n/a' : `${p.difference >= 0 ? '+' : ''}${(p.difference * 100).toFixed(1)} pp`,
        p.method === 'exact-binomial' ? 'exact' : `chi2=${p.statistic!.toFixed(2)}`,
        formatP(p.pValue),
      ]),
    ]),
  );
  if (c.transfer !== null) {
    out.push(
      '',
      'Transferability: adversarial examples found for the row model, replayed on the column model (share still ' +
        'flipping)',
    );
    out.push(
      ...table([
        ['found for \\ on', ...c.models.map((m) => m.name)],
        ...c.models.map((m, s) => [
          m.name,
          ...c.transfer![s]!.map((cell, t) =>
            s === t
              ? `(${cell.transferred})`
              : cell.share === null
                ? 'n/a'
                : `${pct(cell.share, 0)} ${cell.transferred}/${cell.eligible}`,
          ),
        ]),
      ]),
    );
  }
  if (c.families.length > 0) {
    out.push(
      '',
      'Flips by perturbation family: flips using it (share of attacked examples)' +
        (c.transfer !== null ? '; transfer to the other models' : ''),
    );
    out.push(
      ...table([
        ['family', ...c.models.map((m) => m.name)],
        ...c.families.map((f) => [
          f.family,
          ...f.models.map(
            (m) =>
              `${m.using} (${pct(m.rate, 0)})` +
              (m.transfer === null || m.transfer.share === null ? '' : `; ${pct(m.transfer.share, 0)} transfer`),
          ),
        ]),
      ]),
    );
  }
  out.push('');
  return out.join('\n');
}
