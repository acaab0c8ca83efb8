/** @module The end-of-campaign summary as a plain-text table. */
import type { Summary } from '../metrics/summary.js';

/** Validity next to success: the checks every flip passed and, with a judge, its verdicts and the valid-flip rate. */
function validityRows(s: Summary, pct: (x: number | null) => string): [string, string][] {
  const v = s.validity;
  if (v === undefined) return [];
  const rows: [string, string][] = [['Validity checks passed', v.checks.join(', ')]];
  const j = v.judge;
  if (j !== undefined) {
    const c = j.verdicts;
    rows.push(
      ['Judge', j.spec],
      [
        'Judged flips',
        `${j.judged}: ${c.valid} valid, ${c.questionable} questionable, ${c.invalid} invalid, ${c.error} error ` +
          `(unjudged)`,
      ],
      ['Rejected by the judge', `${j.rejected} (failed, judged-invalid)`],
      ['Valid flip rate', pct(j.validFlipRate)],
    );
  }
  return rows;
}

export function renderSummaryTable(s: Summary, outDir: string): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const num = (x: number | null, d = 1) => (x === null ? 'n/a' : x.toFixed(d));
  const st = s.stabilityScore;
  // An assertion campaign's examples are test runs, and its "accuracy" the share of tests that pass.
  const tests = s.assertions !== undefined;
  const rows: [string, string][] = [
    [tests ? 'Test runs' : 'Examples', String(s.examples)],
    ['Succeeded (verified flips)', String(s.succeeded)],
    ['Failed (robust)', String(s.failed)],
    [tests ? 'Skipped (fail on the original)' : 'Skipped (already wrong)', String(s.skipped)],
    ['Errored', String(s.errored)],
    [tests ? 'Original pass rate' : 'Original accuracy', pct(s.originalAccuracy)],
    [tests ? 'Pass rate under attack' : 'Accuracy under attack', pct(s.accuracyUnderAttack)],
    ['Attack success rate', pct(s.attackSuccessRate)],
    ...Object.entries(s.assertions?.flipsByType ?? {}).map(([type, n]): [string, string] => [
      `  flips failing ${type}`,
      String(n),
    ]),
    ...validityRows(s, pct),
    ['Avg perturbed words', s.avgPerturbedWordPct === null ? 'n/a' : `${s.avgPerturbedWordPct.toFixed(1)}%`],
    ['Avg flip distance (edits)', num(s.avgFlipDistance, 2)],
    ['Avg queries / unique', `${num(s.avgQueries)} / ${num(s.avgUniqueQueries)}`],
    ['Texts sent (all)', String(s.totalTextsSent)],
    [
      'Stability score (95% CI)',
      st.mean === null ? 'n/a' : `${st.mean.toFixed(3)} [${st.ci95![0].toFixed(3)}, ${st.ci95![1].toFixed(3)}]`,
    ],
  ];
  for (const [family, f] of Object.entries(s.byFamily)) {
    rows.push([`  flips using ${family}`, `${f.successesUsing} (${f.successesOnly} ${family} only)`]);
  }
  if (s.stopReason !== undefined) rows.push(['Stopped', s.stopReason]);
  const w = Math.max(...rows.map(([k]) => k.length));
  const body = rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n');
  return `\nQuiver campaign summary\n${body}\n\n  Results: ${outDir}/results.jsonl\n`;
}
