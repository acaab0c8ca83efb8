/** @module Attack recipes from the literature, stored as data in experiments/recipes/<name>.json. */
import type { ComponentRef } from '../contracts/campaign.js';
import { UnknownComponentError } from '../core/errors.js';

export interface Recipe {
  readonly name: string;
  readonly description: string;
  readonly search: ComponentRef;
  readonly perturbations: readonly ComponentRef[];
  readonly maxPerturbRatio?: number;
}

export function recipeNames(): string[] {
  return [];
}

export function loadRecipe(name: string): Recipe {
  throw new UnknownComponentError('recipe', name, recipeNames());
}
