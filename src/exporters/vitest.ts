/** @module A ready vitest file calling the user's predict module on every case. */
import { renderTestFile } from './test-file.js';
import type { Exporter } from './types.js';

export const vitestExporter: Exporter = {
  name: 'vitest',
  description: 'a vitest file (`npx vitest run FILE`) calling your predict module (--predict)',
  extension: 'test.mjs',
  render(input) {
    return renderTestFile(input, {
      imports: "import { describe, expect, test } from 'vitest';",
      assertEqual: (actual, expected, message) => `expect(${actual}, ${message}).toBe(${expected})`,
    });
  },
};
