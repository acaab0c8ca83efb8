import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCampaigns } from '../compare/compare.js';
import { summarize } from '../metrics/summary.js';
import { KeywordTarget } from '../testing/keyword-target.js';
import { parseResults } from '../storage/campaign-data.js';
import { renderCampaignHtml } from './campaign-report.js';
import { renderCompareHtml } from './compare-report.js';
import { campaign, type RecordSpec } from './fixtures/records.js';

const XSS = '<img src=x onerror=alert(1)>';
const specs: RecordSpec[] = [
  {
    id: 'x1',
    status: 'succeeded',
    text: `Loved it ${XSS}`,
    adversarial: `Lovfed it ${XSS}`,
    edits: [{ family: 'typo', position: 0, from: 'Loved', to: 'Lovfed' }],
    stability: 0.6,
    queries: 40,
  },
  {
    id: '"><script>alert(2)</script>',
    status: 'failed',
    text: 'Great & "quoted" \'single\' `tick`',
    stability: 1,
    queries: 120,
  },
  {
    id: 'x3',
    status: 'succeeded',
    text: 'good <em>bold</em> film',
    adversarial: 'good <em>bold</em> perchance film',
    edits: [
      { family: 'rare-word', position: 3, from: '', to: 'perchance' },
      { family: '<fam>', position: 0, from: 'a', to: 'b' },
    ],
    stability: 0.85,
    queries: 75,
  },
  { id: 'x4', status: 'skipped', text: 'Meh.' },
  { id: 'x5', status: 'errored', text: 'Boom.', reason: `target said ${XSS}` },
];
const c = campaign('camp <i>x</i>', 'module:./<em>model</em>.js', specs);

function scripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

test("campaign report: a validity card and each flip's validity block, the judge's answer escaped", () => {
  const judged = c.records.map((r) =>
    r.id === 'x1'
      ? {
          ...r,
          validity: {
            checks: ['stopwords', 'pos-consistency'],
            judge: { spec: 'openai:judge', verdict: 'questionable' as const, answer: `odd ${XSS}` },
          },
        }
      : r.id === 'x3'
        ? {
            ...r,
            status: 'failed' as const,
            reason: 'judged-invalid',
            validity: {
              checks: ['stopwords', 'pos-consistency'],
              judge: { spec: 'openai:judge', verdict: 'invalid' as const, answer: 'label changed' },
            },
          }
        : r,
  );
  const html = renderCampaignHtml({ ...c, records: judged, summary: summarize(judged) });
  assert.match(html, /<div class="k">Valid flip rate<\/div><div class="v">0\.0%<\/div>/);
  assert.ok(
    html.includes(
      'judge openai:judge: 2 judged · 0 valid · 1 questionable · 1 invalid · 0 error (unjudged) · 1 rejected',
    ),
  );
  assert.ok(
    html.includes(
      'judge: questionable</span> · odd &lt;img src=x onerror=alert(1)&gt; · checks: stopwords, pos-consistency',
    ),
  );
  assert.ok(html.includes('judged-invalid'), 'the rejected flip says why');
  assert.ok(
    html.includes('<ins>perchance </ins>film<div class="meta">judged-invalid</div>'),
    'and shows what was rejected',
  );
  assert.doesNotMatch(
    renderCampaignHtml(c),
    /Valid flip rate|class="meta validity"/,
    'nothing without validity blocks',
  );
});

test('campaign report: self-contained, escaped everywhere, charts and table present', () => {
  const html = renderCampaignHtml(c);
  assert.match(html, /^<!doctype html>/);
  // Dataset text, ids, target names, families, reasons: all shown as text, never as markup.
  assert.doesNotMatch(html, /<img|<em>|<i>|<fam>|<script>alert/);
  assert.ok(html.includes('Lovfed</ins> it &lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
  assert.ok(html.includes('Great &amp; &quot;quoted&quot; &#39;single&#39; &#96;tick&#96;'));
  assert.ok(html.includes('module:./&lt;em&gt;model&lt;/em&gt;.js'));
  assert.ok(html.includes('target said &lt;img src=x onerror=alert(1)&gt;'));
  // One script, allowed by its hash in the page's CSP; nothing may load from the network.
  const s = scripts(html);
  assert.equal(s.length, 1);
  const hash = createHash('sha256').update(s[0]!).digest('base64');
  assert.ok(html.includes(`script-src &#39;sha256-${hash}&#39;`), 'CSP allows exactly the inline script');
  assert.match(html, /default-src &#39;none&#39;/);
  assert.doesNotMatch(html, /(?:src|href)=["']?(?:https?:)?\/\//i);
  assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i, 'no inline event handler attribute in any tag');
  // Charts: family bars, flip-distance, stability and queries histograms.
  assert.equal(html.match(/<svg class="chart"/g)?.length, 4);
  assert.match(html, /<title>Verified flips by perturbation family<\/title>/);
  assert.match(html, /<title>Flip distance histogram<\/title>/);
  assert.match(html, /<title>Stability distribution<\/title>/);
  assert.match(html, /<title>Queries per attacked example<\/title>/);
  assert.equal(html.match(/<tr data-tags=/g)?.length, 5);
  assert.match(html, /<tr data-tags="succeeded f-typo">/);
  assert.match(html, /<ins>perchance <\/ins>/);
  assert.match(html, /data-tag="f-rare-word"/);
});

test('compare report: the heat maps and tables, escaped', async () => {
  const d = campaign(
    'camp-d',
    'local:<u>d</u>',
    specs.map((s) =>
      s.status === 'succeeded' ? { ...s, status: 'failed' as const, adversarial: undefined as never } : s,
    ),
  );
  const cmp = await compareCampaigns([c, d], { intersection: false, targetFor: async () => new KeywordTarget() });
  const html = renderCompareHtml(cmp, [c, d]);
  assert.doesNotMatch(html, /<img|<em>|<u>|<script>alert/);
  assert.equal(scripts(html).length, 1);
  assert.equal(html.match(/<svg class="chart heatmap"/g)?.length, 2, 'transferability and family attribution');
  assert.match(html, /<title>Transferability matrix<\/title>/);
  assert.match(html, /<title>Stability score with 95% CI<\/title>/);
  assert.match(html, /local:&lt;u&gt;d&lt;\/u&gt;/);
  assert.match(html, /exact binomial/);
});

test('parseResults: a torn last line is left out, a corrupt middle line names file and line', () => {
  const good = JSON.stringify(c.records[0]);
  const other = JSON.stringify({ ...c.records[0], id: 'other' });
  assert.equal(parseResults('r.jsonl', `${good}\n${other}\n{"type":"res`).length, 2);
  assert.equal(parseResults('r.jsonl', `${good}\n\n${other}\n`).length, 2);
  assert.throws(() => parseResults('r.jsonl', `${good}\n{oops\n${good}\n`), /r\.jsonl:2: corrupt record/);
});

test("parseResults: an example's last record counts (--retry-errored appends one), in its first's place", () => {
  const first = { ...c.records[0]!, status: 'errored' as const };
  const other = { ...c.records[0]!, id: 'other' };
  const retried = { ...c.records[0]!, status: 'failed' as const };
  const records = parseResults('r.jsonl', [first, other, retried].map((r) => `${JSON.stringify(r)}\n`).join(''));
  assert.deepEqual(
    records.map((r) => [r.id, r.status]),
    [
      [first.id, 'failed'],
      ['other', other.status],
    ],
  );
});

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'bin', 'quiver.js');

test('quiver report: writes the HTML of a real campaign; usage errors exit 2', {
  skip: !existsSync(cli) && 'run npm run build first',
}, () => {
  const work = mkdtempSync(join(tmpdir(), 'quiver-report-'));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', timeout: 300_000 });
  assert.equal(run('run', '--limit', '15', '--workers', '2', '--out', 'camp').status, 0);
  const r = run('report', 'camp', '--html', 'out/report.html');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /15 examples -> out\/report\.html/);
  const html = readFileSync(join(work, 'out', 'report.html'), 'utf8');
  assert.match(html, /local:wink/);
  assert.equal(html.match(/<tr data-tags=/g)?.length, 15);
  assert.equal(run('report', 'camp').status, 2, '--html is required');
  assert.equal(run('report', 'nowhere', '--html', 'x.html').status, 2);
  writeFileSync(join(work, 'camp', 'campaign.json'), '{not json');
  assert.match(run('report', 'camp', '--html', 'x.html').stderr, /campaign\.json: not valid JSON/);
});
