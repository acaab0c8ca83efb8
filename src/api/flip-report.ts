/**
 * @module Plain-text account of one attacked example for a failing test: original and perturbed text with the
 * model's label and scores, a word-level diff marked git-style (`[-removed-]{+added+}`, readable without colour in
 * any runner's output or CI log), the edits, and the stability score.
 */
import type { PredictionRecord, ResultRecord } from '../contracts/record.js';
import { diffWords } from '../report/diff.js';

/** `text` with the words of `changed` that differ marked: `[-old-]{+new+}`. */
export function markedDiff(original: string, changed: string): string {
  return diffWords(original, changed)
    .map((p) => (p.kind === 'same' ? p.text : p.kind === 'del' ? `[-${p.text}-]` : `{+${p.text}+}`))
    .join('');
}

/** The labels by score, highest first, as `negative 0.62, positive 0.38` (at most four). */
export function scoreLine(p: PredictionRecord): string {
  return Object.entries(p.scores)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 4)
    .map(([label, score]) => `${label} ${score.toFixed(2)}`)
    .join(', ');
}

/** The lines describing a record with an adversarial text (the flip) or without one (the original alone). */
export function describeRecord(r: ResultRecord): string[] {
  const lines: string[] = [];
  if (r.original !== null)
    lines.push(`  original  ${r.original.label} (${scoreLine(r.original)})`, `    ${r.original.text}`);
  if (r.adversarial !== null && r.original !== null) {
    lines.push(
      `  perturbed ${r.adversarial.label} (${scoreLine(r.adversarial)})`,
      `    ${r.adversarial.text}`,
      `  words     ${markedDiff(r.original.text, r.adversarial.text)}`,
    );
    for (const e of r.edits)
      lines.push(
        `  edit      ${e.family}: ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)} (word ${e.position + 1})`,
      );
  }
  if (r.stability !== null && r.original !== null) {
    const kept = Math.round(r.stability * r.stabilitySamples);
    lines.push(
      `  stability ${r.stability.toFixed(2)} (${kept} of ${r.stabilitySamples} random perturbations keep ` +
        `"${r.original.label}")`,
    );
  }
  return lines;
}
