/**
 * @module `--label-map 0=negative,1=positive`: dataset label values (numbers in many public datasets, or other names)
 * mapped to the target's labels. Values not in the map are taken as they are.
 */
import { ConfigError } from '../core/errors.js';

export type LabelMap = Readonly<Record<string, string>>;

export function parseLabelMap(spec: string): LabelMap {
  const map: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const eq = pair.indexOf('=');
    const from = pair.slice(0, eq).trim();
    const to = pair.slice(eq + 1).trim();
    if (eq < 0 || from === '' || to === '') {
      throw new ConfigError(
        `--label-map takes FROM=TO pairs separated by commas (e.g. 0=negative,1=positive), got "${pair}"`,
      );
    }
    if (Object.hasOwn(map, from)) throw new ConfigError(`--label-map maps "${from}" twice`);
    map[from] = to;
  }
  return map;
}

/**
 * The label for a dataset value: mapped when the map names it (numbers by their decimal form), else the string itself.
 */
export function mapLabel(raw: unknown, map: LabelMap | undefined): string | undefined {
  const key = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : undefined;
  if (key === undefined) return undefined;
  if (map !== undefined && Object.hasOwn(map, key)) return map[key];
  return typeof raw === 'string' ? raw : undefined;
}
