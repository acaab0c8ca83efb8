/** @module Flat CSV of the cases (one row each, RFC 4180 quoting by csv-stringify) for spreadsheets and data tools. */
import { familiesOf } from './cases.js';
import { csvText } from './text-formats.js';
import type { Exporter } from './types.js';

const HEADER = [
  'kind',
  'id',
  'index',
  'expected',
  'recorded',
  'text',
  'original',
  'families',
  'flip_distance',
  'stability',
  'edits',
  'model',
  'campaign',
  'seed',
];

export const csvExporter: Exporter = {
  name: 'csv',
  assertionCampaigns: true,
  description: 'one row per case; `edits` holds the edit list as JSON',
  extension: 'csv',
  render({ cases, provenance: p }) {
    const rows = cases.map((c) => [
      c.kind,
      c.id,
      c.index,
      c.expected,
      c.recorded,
      c.text,
      c.original,
      familiesOf(c),
      c.flipDistance,
      c.stability,
      JSON.stringify(c.edits),
      p.model,
      p.campaign,
      p.seed,
    ]);
    return csvText([HEADER, ...rows]);
  },
};
