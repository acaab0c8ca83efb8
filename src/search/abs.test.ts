import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSearchContract } from '../testing/search-contract.js';
import { abs } from './abs.js';

runSearchContract('abs', () => abs());
runSearchContract('abs (beam 1)', () => abs({ beamWidth: 1 }));

test('abs: rejects an invalid beam', () => {
  assert.throws(() => abs({ beamWidth: 2, minBeamWidth: 3 }), /minBeamWidth/);
});
