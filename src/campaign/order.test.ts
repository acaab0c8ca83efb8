import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Example, ResultRecord } from '../contracts/record.js';
import { attackInOrder } from './run.js';

const examples: Example[] = Array.from({ length: 12 }, (_, i) => ({
  id: `e${i}`,
  index: i,
  text: 't',
  label: 'positive',
}));

test('results are emitted in dataset order whatever order they finish in, within the window', async () => {
  const emitted: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  await attackInOrder(
    examples,
    3,
    async (ex) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Later examples finish first.
      await new Promise((r) => setTimeout(r, (12 - ex.index) * 2));
      inFlight--;
      return { id: ex.id } as ResultRecord;
    },
    (r) => emitted.push(r.id),
  );
  assert.deepEqual(
    emitted,
    examples.map((e) => e.id),
  );
  assert.ok(maxInFlight <= 3);
});

test('a failing task stops the campaign with its error', async () => {
  await assert.rejects(
    attackInOrder(
      examples,
      2,
      async (ex) => {
        if (ex.index === 4) throw new Error('worker crashed');
        return { id: ex.id } as ResultRecord;
      },
      () => {},
    ),
    /worker crashed/,
  );
});

test('a stop check counts examples finished but not yet emitted as in flight (their texts are uncounted)', async () => {
  const seen: { unemitted: number; told: number }[] = [];
  let launched = 0;
  let emitted = 0;
  await attackInOrder(
    examples.slice(0, 6),
    3,
    async (ex) => {
      launched++;
      // The first example is slow: the others finish and wait behind it.
      await new Promise((r) => setTimeout(r, ex.index === 0 ? 40 : 1));
      return { id: ex.id } as ResultRecord;
    },
    () => emitted++,
    (inFlight) => {
      seen.push({ unemitted: launched - emitted, told: inFlight });
      return null;
    },
  );
  for (const s of seen) assert.equal(s.told, s.unemitted);
  assert.ok(seen.some((s) => s.told >= 3));
});
