/**
 * @module The HTML report's validity parts: the validity card and each example's validity block (checks, judge
 * verdict).
 */
import type { ResultRecord } from '../contracts/record.js';
import type { Summary } from '../metrics/summary.js';
import { concatHtml, html, type SafeHtml } from './escape.js';

export function validityCard(s: Summary): SafeHtml {
  const v = s.validity;
  if (v === undefined) return html``;
  const j = v.judge;
  const checks = `${v.checks.length} checks passed by every flip: ${v.checks.join(', ')}`;
  if (j === undefined) {
    return concatHtml(
      html`<div class="card validity"><div class="k">Validity</div><div class="v">${String(v.checks.length)} `,
      html`checks</div><div class="s">${checks}</div></div>`,
    );
  }
  const c = j.verdicts;
  const rate = j.validFlipRate === null ? 'n/a' : `${(j.validFlipRate * 100).toFixed(1)}%`;
  const verdicts =
    `judge ${j.spec}: ${j.judged} judged · ${c.valid} valid · ${c.questionable} questionable · ` +
    `${c.invalid} invalid · ${c.error} error (unjudged) · ${j.rejected} rejected`;
  return concatHtml(
    html`<div class="card validity"><div class="k">Valid flip rate</div><div class="v">${rate}</div>`,
    html`<div class="s">${verdicts}</div><div class="s">${checks}</div></div>`,
  );
}

/** Under an example's text: the judge's verdict and answer, and the checks its flip passed. */
export function validityBlock(r: ResultRecord): SafeHtml {
  const v = r.validity;
  if (v === undefined) return html``;
  const j = v.judge;
  const said = j?.verdict === 'error' ? 'error (unjudged)' : j?.verdict;
  const answer = j?.answer === null || j?.answer === undefined ? html`` : html` · ${j.answer}`;
  const verdict =
    j === undefined ? html`` : html`<span class="${`verdict ${j.verdict}`}">judge: ${said}</span>${answer} · `;
  const checks = v.checks.join(', ');
  return html`<div class="meta validity" data-verdict="${j?.verdict ?? ''}">${verdict}checks: ${checks}</div>`;
}
