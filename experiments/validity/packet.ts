/**
 * @module Prints one judge's packet: the rubric and the blinded sheet, nothing else (no campaign, model or
 * perturbation family). `npx tsx experiments/validity/packet.ts <sheet.json> <verdicts-out.json>`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [sheetFile, out] = process.argv.slice(2);
if (sheetFile === undefined || out === undefined) throw new Error('usage: packet.ts <sheet.json> <verdicts-out.json>');
const sheet = JSON.parse(readFileSync(sheetFile, 'utf8')) as {
  item: number;
  label: string;
  original: string;
  perturbed: string;
}[];
const items = sheet
  .map(
    (s) =>
      `${s.item}. label: ${s.label}\n   original:  ${JSON.stringify(s.original)}\n   ` +
      `perturbed: ${JSON.stringify(s.perturbed)}`,
  )
  .join('\n');
const rubric = readFileSync(join(here, 'rubric.md'), 'utf8').replace(/^# .*\n\n/, '');
process.stdout.write(
  readFileSync(join(here, 'judge-prompt.md'), 'utf8')
    .replace('{{RUBRIC}}', rubric.trim())
    .replace('{{OUT}}', out)
    .replace('{{ITEMS}}', items),
);
