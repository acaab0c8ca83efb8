/** @module A ready `node --test` file calling the user's predict module on every case. */
import { renderTestFile } from './test-file.js';
import type { Exporter } from './types.js';

export const nodeTestExporter: Exporter = {
  name: 'node-test',
  description: 'a node:test file (`node --test FILE`) calling your predict module (--predict)',
  extension: 'test.mjs',
  render(input) {
    return renderTestFile(input, {
      imports: "import { describe, test } from 'node:test';\nimport assert from 'node:assert/strict';",
      assertEqual: (actual, expected, message) => `assert.equal(${actual}, ${expected}, ${message})`,
    });
  },
};
