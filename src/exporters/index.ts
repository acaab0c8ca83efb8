/** @module Exporter registry: format name -> pure renderer from campaign records to file text. */
import { UnknownComponentError } from '../core/errors.js';
import { csvExporter } from './csv.js';
import { junitExporter } from './junit.js';
import { nodeTestExporter } from './node-test.js';
import { promptfooCsvExporter } from './promptfoo-csv.js';
import { promptfooJsonlExporter } from './promptfoo-jsonl.js';
import { promptfooExporter } from './promptfoo.js';
import { quiverJsonlExporter } from './quiver-suite.js';
import type { Exporter } from './types.js';
import { vitestExporter } from './vitest.js';

export const exporters: Readonly<Record<string, Exporter>> = Object.freeze(
  Object.fromEntries(
    [
      promptfooExporter,
      promptfooCsvExporter,
      promptfooJsonlExporter,
      quiverJsonlExporter,
      csvExporter,
      nodeTestExporter,
      vitestExporter,
      junitExporter,
    ].map((e) => [e.name, e]),
  ),
);

export const exportFormats: readonly string[] = Object.freeze(Object.keys(exporters));

export function getExporter(format: string): Exporter {
  const e = Object.hasOwn(exporters, format) ? exporters[format] : undefined;
  if (e === undefined) throw new UnknownComponentError('export format', format, exportFormats);
  return e;
}

export type { Exporter, ExportInput, ExportOptions, SuiteCase, Provenance } from './types.js';
export { exportInput, selectCases } from './cases.js';
