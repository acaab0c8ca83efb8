import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sumTraces } from './v8-traces.js';

// Lines as Node v20's V8 prints them (taken from a `quiver run` with --trace-opt --trace-gc-nvp), shortened where
// the fields do not matter.
const FIRST =
  '[completed compiling 0x00fdc5be2779 <JSFunction normalizeString (sfi = 0x3ee9b4b66151)> (target TURBOFAN) - ' +
  'took 0.052, 6.652, 0.017 ms]';
const AGAIN =
  '[completed compiling 0x00fdc5be2779 <JSFunction normalizeString (sfi = 0x3ee9b4b66151)> (target TURBOFAN) - ' +
  'took 0.004, 24.374, 0.026 ms]';
const OTHER =
  '[completed compiling 0x00fdc5be0369 <JSFunction getPathFromURLPosix (sfi = 0x3ee9b4b65579)> (target TURBOFAN) - ' +
  'took 0.059, 17.489, 0.176 ms]';
const OPTIMIZED =
  '[completed optimizing 0x00fdc5be2779 <JSFunction normalizeString (sfi = 0x3ee9b4b66151)> (target TURBOFAN)]';
const SCAVENGE =
  '[31960:0x8c75570]       63 ms: pause=2.3 mutator=55.9 gc=s reduce_memory=0 scavenge=1.59 scavenge.parallel=1.31 ' +
  'background.scavenge.parallel=1.07 background.unmapper=0.00 unmapper=0.00';
const MARK_COMPACT =
  '[31960:0x8c75570]      466 ms: pause=2.4 mutator=13.5 gc=mc reduce_memory=0 mark=1.2 background.mark=3.5 ' +
  'background.sweep=0.5 background.evacuate.copy=0.25 background.evacuate.update_pointers=0.25 background.unmapper=0.1';

test('sums compiles, counts a function compiled again as a recompile, and ignores "completed optimizing"', () => {
  const c = sumTraces([FIRST, OPTIMIZED, OTHER, AGAIN, 'unrelated output'].join('\n'));
  assert.equal(c.compiles, 3);
  assert.equal(c.functions, 2);
  assert.ok(Math.abs(c.compileMs - (6.721 + 17.724 + 24.404)) < 1e-9, String(c.compileMs));
  assert.ok(Math.abs(c.recompileMs - 24.404) < 1e-9, String(c.recompileMs));
});

test('sums GC pauses by kind and the helpers’ parallel and background work (the unmapper is not GC work)', () => {
  const c = sumTraces([SCAVENGE, SCAVENGE, MARK_COMPACT].join('\n'));
  assert.equal(c.scavenges, 2);
  assert.ok(Math.abs(c.scavengePauseMs - 4.6) < 1e-9);
  assert.equal(c.markCompacts, 1);
  assert.ok(Math.abs(c.markCompactPauseMs - 2.4) < 1e-9);
  assert.ok(Math.abs(c.gcHelpersMs - (2 * 1.07 + 3.5 + 0.5 + 0.25 + 0.25)) < 1e-9, String(c.gcHelpersMs));
});
