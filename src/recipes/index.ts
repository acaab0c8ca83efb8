/**
 * @module Attack recipes from the literature, stored as data in experiments/recipes/<name>.json (resolved from the
 * package root, so they work from the compiled CLI). Loading validates every field and builds the named search and
 * perturbations once, so a bad recipe fails with `file: field "...": problem` before a campaign starts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPerturbation } from '../../perturbations/index.js';
import type { ComponentRef } from '../contracts/campaign.js';
import { ConfigError, UnknownComponentError } from '../core/errors.js';
import { createSearch } from '../search/index.js';
import { packageRoot } from '../version.js';

export interface Recipe {
  readonly name: string;
  /** One line, for `quiver recipes`. */
  readonly description: string;
  /** The paper the recipe follows. */
  readonly citation: string;
  /** Every way the recipe departs from the paper (offline substitutes, missing constraints). */
  readonly deviations: readonly string[];
  readonly search: ComponentRef;
  readonly perturbations: readonly ComponentRef[];
  readonly maxPerturbRatio?: number;
}

export const recipesDir: string = join(packageRoot, 'experiments', 'recipes');

/** Names of the recipe files, sorted. */
export function recipeNames(dir: string = recipesDir): string[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function loadRecipe(name: string, dir: string = recipesDir): Recipe {
  const names = recipeNames(dir);
  if (!names.includes(name)) throw new UnknownComponentError('recipe', name, names);
  const file = join(dir, `${name}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  return parseRecipe(raw, file, name);
}

export function loadAllRecipes(dir: string = recipesDir): Recipe[] {
  return recipeNames(dir).map((n) => loadRecipe(n, dir));
}

/** Validates a parsed recipe; `file` names it in errors, `name` is what its file name says it is. */
export function parseRecipe(raw: unknown, file: string, name: string): Recipe {
  const fail = (field: string, problem: string): never => {
    throw new ConfigError(`${file}: field "${field}": ${problem}`);
  };
  if (!isObject(raw)) return fail('(root)', 'must be a JSON object');
  const known = ['name', 'description', 'citation', 'deviations', 'search', 'perturbations', 'maxPerturbRatio'];
  for (const k of Object.keys(raw)) if (!known.includes(k)) fail(k, `unknown field; valid fields: ${known.join(', ')}`);
  const text = (field: string): string => {
    const v = raw[field];
    return typeof v === 'string' && v.trim() !== '' ? v : fail(field, 'must be a non-empty string');
  };
  if (text('name') !== name) fail('name', `must match the file name "${name}"`);
  const description = text('description');
  if (description.includes('\n')) fail('description', 'must be one line');
  const citation = text('citation');
  const deviations = raw.deviations;
  if (!Array.isArray(deviations) || !deviations.every((d) => typeof d === 'string' && d.trim() !== '')) {
    fail('deviations', 'must be a list of strings (an empty list if there are none)');
  }
  const search = componentRef(raw.search, 'search', fail);
  try {
    createSearch(search.name, { ...search.options });
  } catch (err) {
    fail('search', (err as Error).message);
  }
  if (!Array.isArray(raw.perturbations) || raw.perturbations.length === 0)
    fail('perturbations', 'must be a non-empty list');
  const perturbations = (raw.perturbations as unknown[]).map((p, k) => {
    const ref = componentRef(p, `perturbations[${k}]`, fail);
    try {
      createPerturbation(ref.name, ref.options);
    } catch (err) {
      fail(`perturbations[${k}]`, (err as Error).message);
    }
    return ref;
  });
  const ratio = raw.maxPerturbRatio;
  if (ratio !== undefined && !(typeof ratio === 'number' && ratio > 0 && ratio <= 1))
    fail('maxPerturbRatio', 'must be a number in (0, 1]');
  return {
    name,
    description,
    citation,
    deviations: deviations as string[],
    search,
    perturbations,
    ...(ratio === undefined ? {} : { maxPerturbRatio: ratio as number }),
  };
}

function componentRef(v: unknown, field: string, fail: (field: string, problem: string) => never): ComponentRef {
  if (!isObject(v)) return fail(field, 'must be an object {"name", "options"}');
  for (const k of Object.keys(v))
    if (k !== 'name' && k !== 'options') fail(`${field}.${k}`, 'unknown field; valid fields: name, options');
  if (typeof v.name !== 'string' || v.name === '') fail(`${field}.name`, 'must be a non-empty string');
  const options = v.options ?? {};
  if (!isObject(options)) fail(`${field}.options`, 'must be an object');
  return { name: v.name as string, options: options as Record<string, unknown> };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
