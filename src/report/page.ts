/**
 * @module The self-contained page shell shared by the reports: inline CSS, one small inline script (table search and
 * filters) and a Content-Security-Policy that allows nothing else — no network, no other script, no inline handler.
 */
import { createHash } from 'node:crypto';
import { concatHtml, type HtmlValue, html, type SafeHtml, trusted } from './escape.js';

export const COLORS = {
  succeeded: '#d1495b',
  failed: '#2a9d8f',
  skipped: '#a0aab4',
  errored: '#8e6cbf',
  accent: '#3d5a80',
} as const;

const FAMILY_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#e15759', '#76b7b2', '#edc948', '#9c755f'];
const KNOWN_FAMILIES = ['typo', 'synonym', 'reorder', 'rare-word'];

/** A stable color per perturbation family (the built-in ones always get the same). */
export function familyColor(family: string): string {
  const k = KNOWN_FAMILIES.indexOf(family);
  if (k >= 0) return FAMILY_COLORS[k]!;
  let h = 0;
  for (const ch of family) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return FAMILY_COLORS[4 + (h % 4)]!;
}

export const STATUS_LABEL: Readonly<Record<string, string>> = {
  succeeded: 'flipped',
  failed: 'robust',
  skipped: 'skipped',
  errored: 'errored',
};

// Split with + only to keep source lines short: the pieces join into the stylesheet as written.
const CSS =
  `
:root{--bg:#f5f6f8;--card:#fff;--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--accent:${COLORS.accent};
--flip:${COLORS.succeeded};--robust:${COLORS.failed};--skip:${COLORS.skipped};--err:${COLORS.errored}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,` +
  `-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:28px 24px 60px}
header.top{display:flex;justify-content:space-between;align-items:flex-end;gap:24px;flex-wrap:wrap;margin-bottom:18px}
.brand{font-size:12px;letter-spacing:.12em;text-transform:uppercase;color:var(--accent);font-weight:700}
h1{font-size:26px;margin:2px 0 4px;letter-spacing:-.01em}
h2{font-size:16px;margin:0 0 12px}
.meta{color:var(--muted);font-size:12.5px}
.meta code{background:#eef1f4;border-radius:4px;padding:1px 5px}
.verdict{font-weight:600}.verdict.valid{color:#1e7268}.verdict.questionable{color:#9a6700}` +
  `.verdict.invalid,.verdict.error{color:#a4283a}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:14px 0 16px}
@media (max-width:820px){.cards{grid-template-columns:repeat(2,1fr)}}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;` +
  `padding:14px 16px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.card .k{color:var(--muted);font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:26px;font-weight:700;margin-top:2px;font-variant-numeric:tabular-nums}
.card .s{color:var(--muted);font-size:12px}
.card.hl-flip .v{color:var(--flip)}.card.hl-robust .v{color:var(--robust)}
.panel{background:var(--card);border:1px solid var(--line);border-radius:12px;` +
  `padding:16px 18px;margin-bottom:16px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:16px;margin-bottom:16px}
.grid2 .panel{margin-bottom:0}
.panel p.note{color:var(--muted);font-size:12.5px;margin:-6px 0 10px}
svg.chart{width:100%;height:auto;display:block}
svg.chart text{font-family:inherit}
svg .axis-label{font-size:12px;fill:#3e4c59}svg .value-label{font-size:12px;fill:#3e4c59;font-weight:600}
svg .tick{font-size:11px;fill:#7b8794}svg .grid{stroke:#eceff2}svg .axis{stroke:#cbd2d9}
svg .cell-text{font-size:14px;font-weight:700;fill:#1f2933}svg .cell-sub{font-size:11px;fill:#52606d}
svg .cell-text.dark,svg .cell-sub.dark{fill:#fff}
.legend{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin-top:6px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:3px;margin-right:5px;vertical-align:-1px}
.outcome{display:flex;height:14px;border-radius:7px;overflow:hidden;margin:8px 0 4px;background:#eef1f4}
.outcome span{display:block;height:100%}
.toolbar{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin-bottom:10px}
.toolbar input{flex:1;min-width:220px;padding:8px 12px;border:1px solid #cbd2d9;border-radius:8px;font:inherit}
.toolbar input:focus{outline:2px solid #9fb3c8;border-color:#9fb3c8}
.chip{border:1px solid #cbd2d9;background:#fff;border-radius:999px;padding:5px 12px;` +
  `font:inherit;font-size:12.5px;cursor:pointer;color:#3e4c59}
.chip[aria-pressed=true]{background:var(--ink);border-color:var(--ink);color:#fff}
.count{color:var(--muted);font-size:12.5px;margin-left:auto}
table{width:100%;border-collapse:collapse;font-size:13px}
th{text-align:left;font-size:11.5px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);` +
  `border-bottom:1px solid var(--line);padding:8px 8px;position:sticky;top:0;background:#fff}
td{border-bottom:1px solid #f0f2f4;padding:8px 8px;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.nowrap{white-space:nowrap}
td.id{white-space:nowrap;color:var(--muted);font-size:12px}
tr[hidden]{display:none}
.scroll{max-height:760px;overflow:auto;border-top:1px solid var(--line)}
.metrics td,.metrics th{padding:7px 10px}.metrics td.best{font-weight:700;color:var(--robust)}
.badge{display:inline-block;border-radius:999px;padding:1px 9px;font-size:11.5px;font-weight:600;white-space:nowrap}
.badge.succeeded{background:#fbe4e7;color:#a4283a}.badge.failed{background:#dcf2ef;color:#1e7268}
.badge.skipped{background:#eef1f4;color:#52606d}.badge.errored{background:#efe8f8;color:#6b4b9e}
.fam{display:inline-block;border-radius:4px;padding:0 6px;font-size:11px;` +
  `color:#fff;font-weight:600;margin:1px 3px 1px 0}
.text del{background:#fde2e4;color:#9b1c31;text-decoration:line-through;border-radius:3px;padding:0 2px}
.text ins{background:#d8f3dc;color:#1b5e20;text-decoration:none;border-radius:3px;padding:0 2px;font-weight:600}
.labels{white-space:nowrap;font-size:12px}.labels .arrow{color:var(--muted)}
.sig{font-weight:700;color:var(--flip)}
footer{color:var(--muted);font-size:12px;margin-top:24px;text-align:center}
.empty{color:var(--muted);font-style:italic}
`;

// Search and filter chips for every [data-table] section; rows carry their filter tags in data-tags.
const SCRIPT =
  `
for (const box of document.querySelectorAll('[data-table]')) {
  const input = box.querySelector('input[type=search]');
  const chips = [...box.querySelectorAll('.chip')];
  const rows = [...box.querySelectorAll('tbody tr')];
  const count = box.querySelector('.count');
  let tag = 'all';
  const apply = () => {
    const q = input.value.trim().toLowerCase();
    let shown = 0;
    for (const r of rows) {
      const ok = (tag === 'all' || r.dataset.tags.split(' ').includes(tag)) && ` +
  `(q === '' || r.textContent.toLowerCase().includes(q));
      r.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + rows.length + ' shown';
  };
  input.addEventListener('input', apply);
  for (const c of chips) c.addEventListener('click', () => {
    tag = c.dataset.tag;
    for (const o of chips) o.setAttribute('aria-pressed', String(o === c));
    apply();
  });
  apply();
}
`;

const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

export const CSP =
  `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src ` +
  `data:; base-uri 'none'; form-action 'none'`;

export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
<main>
${body}
</main>
<script>${trusted(SCRIPT)}</script>
</body>
</html>
`.html;
}

export interface Chip {
  readonly tag: string;
  readonly label: string;
}

/** A searchable table section: toolbar (search box, filter chips, count) above the table. */
export function searchableTable(opts: {
  readonly placeholder: string;
  readonly chips: readonly Chip[];
  readonly head: SafeHtml;
  readonly rows: readonly SafeHtml[];
}): SafeHtml {
  const chips = [{ tag: 'all', label: 'All' }, ...opts.chips];
  const buttons = chips.map((c, i) =>
    concatHtml(
      html`<button type="button" class="chip" data-tag="${c.tag}" aria-pressed="${String(i === 0)}">`,
      html`${c.label}</button>`,
    ),
  );
  const search = html`<input type="search" placeholder="${opts.placeholder}" aria-label="${opts.placeholder}">`;
  return html`<div data-table>
<div class="toolbar">${search}${buttons}<span class="count"></span></div>
<div class="scroll"><table><thead>${opts.head}</thead><tbody>${opts.rows}</tbody></table></div>
</div>`;
}

/** The reports' footer promise. */
export const SELF_CONTAINED = 'self-contained: no network, no external resources.';

/** A panel with a heading and a note above its content; the note is markup (write it with `html`). */
export function notedPanel(title: string, note: SafeHtml, ...content: readonly HtmlValue[]): SafeHtml {
  return html`<section class="panel"><h2>${title}</h2><p class="note">${note}</p>${content}</section>`;
}

export function legend(items: readonly { readonly label: string; readonly color: string }[]): SafeHtml {
  const entries = items.map((i) => html`<span><i style="background:${i.color}"></i>${i.label}</span>`);
  return html`<div class="legend">${entries}</div>`;
}
