import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttackText } from '../core/attack-text.js';
import { quiverSync, readRecords, serveChild } from '../testing/cli.js';
import { renderInput } from '../core/prompt-template.js';
import { editsWithParts, ratiosByPart, wordParts } from './input.js';
import { scopeConstraint } from './scope-constraint.js';

const template = 'Classify as {{labels}}. Be brief.\n\nText: {{input}}\nAnswer:';

test('renderInput places the example literally and marks each word prompt or example', () => {
  const r = renderInput(template, 'A $& fine film.', ['negative', 'positive']);
  assert.equal(r.text, 'Classify as negative, positive. Be brief.\n\nText: A $& fine film.\nAnswer:');
  assert.equal(r.text.slice(r.exampleStart, r.exampleEnd), 'A $& fine film.');
  const t = AttackText.fromString(r.text);
  const parts = wordParts(t, r);
  assert.deepEqual(
    t.words.map((w, i) => `${w}:${parts[i]![0]}`),
    [
      'Classify:p',
      'as:p',
      'negative:p',
      'positive:p',
      'Be:p',
      'brief:p',
      'Text:p',
      'A:e',
      'fine:e',
      'film:e',
      'Answer:p',
    ],
  );
  assert.throws(() => renderInput('no placeholder', 'x', []), /has no \{\{input\}\}/);
});

test('per-part edit annotation and ratios', () => {
  const r = renderInput(template, 'A fine film.', ['negative', 'positive']);
  const t = AttackText.fromString(r.text);
  const parts = wordParts(t, r);
  const edited = t.replaceWord(5, 'short', 'synonym').replaceWord(8, 'fnie', 'typo');
  assert.deepEqual(
    editsWithParts(edited.edits, parts).map((e) => e.part),
    ['prompt', 'example'],
  );
  assert.deepEqual(ratiosByPart(edited, parts), { prompt: 1 / 8, example: 1 / 3 });
});

test('scope constraint: edits and moves stay in scope and never mix parts', () => {
  const r = renderInput('Rate this review. Text: {{input}}', 'Good food, bad service.', []);
  const t = AttackText.fromString(r.text);
  const parts = wordParts(t, r);
  const exampleOnly = scopeConstraint(parts, 'example');
  const both = scopeConstraint(parts, 'both');
  const cctx = { original: t };
  assert.equal(exampleOnly.allowsIndex!(t, 0, cctx, 'change'), false); // "Rate"
  assert.equal(exampleOnly.allowsIndex!(t, 4, cctx, 'change'), true); // "Good"
  const promptEdit = t.replaceWord(1, 'grade', 'synonym');
  assert.equal(exampleOnly.allowsCandidate!(promptEdit, t, cctx), false);
  assert.equal(both.allowsCandidate!(promptEdit, t, cctx), true);
  const mixed = t.swapBlocks(2, 4, 4, 6, 'reorder'); // "review Text" <-> "Good food"
  assert.equal(both.allowsCandidate!(mixed, t, cctx), false);
  const inside = t.swapBlocks(4, 6, 6, 8, 'reorder'); // "Good food" <-> "bad service"
  assert.equal(both.allowsCandidate!(inside, t, cctx), true);
});

test('--scope both against quiver serve: records name the part of every edit; labels and the marker stay', async () => {
  const work = mkdtempSync(join(tmpdir(), 'quiver-scope-'));
  // The whole message is classified (no input marker), so an edit to the prompt's words can flip the answer too.
  const server = await serveChild(work, '--model', 'local:wink', '--input-marker', '');
  try {
    const out = join(work, 'both');
    const r = quiverSync(
      work,
      'run',
      '--target',
      'openai:local-wink',
      '--base-url',
      server.url,
      '--no-cache',
      '--scope',
      'both',
      '--limit',
      '10',
      '--out',
      out,
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.ok(s.succeeded > 0);
    assert.equal(typeof s.avgPerturbedWordPctByPart.prompt, 'number');
    // The loop below must see edits (a flip edits the example or the prompt); prompt-only flips are checked further on.
    const parts = new Set(readRecords(out).flatMap((rec) => rec.edits.map((e) => e.part)));
    assert.ok(parts.size > 0 && [...parts].every((p) => p === 'example' || p === 'prompt'), [...parts].join(','));
    for (const rec of readRecords(out)) {
      assert.match(rec.original!.text, /^Classify the text below\..*\n\nText: /s, 'the engine rendered the prompt');
      for (const e of rec.edits) {
        assert.ok(e.part === 'prompt' || e.part === 'example');
        assert.ok(!/negative|positive|Text/.test(e.from), `protected word edited: ${e.from}`);
      }
    }
    const campaign = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8'));
    assert.equal(campaign.attack.input.scope, 'both');
    assert.equal(campaign.attack.targetOptions.prompt, '{{input}}');
    // Mildly negative texts labelled positive, behind a prompt whose "lovely" tips the whole message positive: only an
    // edit to the prompt can flip them.
    writeFileSync(join(work, 'prompt.txt'), 'Here is a lovely review to classify as {{labels}}.\n\nText: {{input}}\n');
    writeFileSync(
      join(work, 'mild.jsonl'),
      `${['A bit slow.', 'A little long.']
        .map((text, k) => JSON.stringify({ id: `m${k}`, text, label: 'positive' }))
        .join('\n')}\n`,
    );
    const promptOnly = join(work, 'prompt');
    const p = quiverSync(
      work,
      'run',
      '--target',
      'openai:local-wink',
      '--base-url',
      server.url,
      '--no-cache',
      '--scope',
      'prompt',
      '--prompt',
      'prompt.txt',
      '--dataset',
      'mild.jsonl',
      '--out',
      promptOnly,
    );
    assert.equal(p.code, 0, p.stderr);
    const promptEdits = readRecords(promptOnly).flatMap((rec) => rec.edits);
    assert.ok(promptEdits.length > 0, 'some example flips through the prompt alone');
    for (const e of promptEdits) assert.equal(e.part, 'prompt');
    const local = quiverSync(work, 'run', '--scope', 'prompt', '--limit', '1', '--out', join(work, 'x'));
    assert.equal(local.code, 2);
    assert.match(local.stderr, /--scope prompt perturbs a prompt template: it needs an openai:<model> target/);
  } finally {
    await server.stop();
  }
});
