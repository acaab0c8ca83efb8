import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Example, ResultRecord } from '../contracts/record.js';
import { Batcher } from './batcher.js';
import type { AttackTaskResult } from './protocol.js';

const ex = (i: number): Example => ({ id: `e${i}`, index: i, text: `text ${i}`, label: 'positive' });
/** A worker that records what it was sent and says each example took `ms`. */
function worker(ms: number, sent: string[][]) {
  return async (examples: Example[]): Promise<AttackTaskResult> => {
    sent.push(examples.map((e) => e.id));
    return examples.map((e) => ({ id: e.id, elapsedMs: ms }) as unknown as ResultRecord);
  };
}

test('without a pace every example travels alone', async () => {
  const sent: string[][] = [];
  const b = new Batcher(null, worker(1, sent));
  const results = await Promise.all([0, 1, 2].map((i) => b.attack(ex(i))));
  assert.deepEqual(
    results.map((r) => r.id),
    ['e0', 'e1', 'e2'],
  );
  assert.deepEqual(sent, [['e0'], ['e1'], ['e2']]);
  assert.equal(b.size, 1);
});

test("fast examples get batches of about batchMs of work, capped; a partial batch leaves at turn's end", async () => {
  const sent: string[][] = [];
  const b = new Batcher({ batchMs: 20, maxSize: 4 }, worker(5, sent));
  assert.equal(b.size, 1, 'one at a time until a duration is known');
  await b.attack(ex(0));
  assert.equal(b.size, 4, '20 ms / 5 ms');
  const results = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => b.attack(ex(i))));
  assert.deepEqual(
    results.map((r) => r.id),
    ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'],
  );
  assert.deepEqual(sent, [['e0'], ['e1', 'e2', 'e3', 'e4'], ['e5', 'e6']]);
  const capped = new Batcher({ batchMs: 20, maxSize: 4 }, worker(0, []));
  await capped.attack(ex(0));
  assert.equal(capped.size, 4, 'instant examples still stop at maxSize');
});

test('slow examples stay one per batch, so a stop never waits on a long batch', async () => {
  const sent: string[][] = [];
  const b = new Batcher({ batchMs: 20, maxSize: 16 }, worker(900, sent));
  await Promise.all([0, 1, 2].map((i) => b.attack(ex(i))));
  await Promise.all([3, 4].map((i) => b.attack(ex(i))));
  assert.equal(b.size, 1);
  assert.ok(
    sent.every((batch) => batch.length === 1),
    JSON.stringify(sent),
  );
});

test('a failed task rejects each of its examples; a worker that returns too few outcomes is an error', async () => {
  const failing = new Batcher({ batchMs: 20, maxSize: 4 }, async () => {
    throw new Error('worker died');
  });
  const settled = await Promise.allSettled([failing.attack(ex(0))]);
  assert.ok(settled[0]!.status === 'rejected' && /worker died/.test(String(settled[0]!.reason)));
  const short = new Batcher(null, async () => []);
  const lost = await Promise.allSettled([short.attack(ex(0))]);
  assert.ok(lost[0]!.status === 'rejected' && /0 outcome\(s\) for 1 example\(s\)/.test(String(lost[0]!.reason)));
  assert.throws(() => new Batcher({ batchMs: 20, maxSize: 0 }, async () => []), /invalid batch pace/);
});
