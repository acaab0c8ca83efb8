/** @module Search registry: name -> factory, with each method's options. */
import { UnknownComponentError } from '../core/errors.js';
import type { SearchMethod } from '../core/search.js';
import { abfs, type AbfsOptions } from './abfs.js';
import { abs, type AbsOptions } from './abs.js';
import { beam, type BeamOptions } from './beam.js';
import { genetic, type GeneticOptions } from './genetic.js';
import { greedyWir, type GreedyWirOptions } from './greedy-wir.js';
import { pso, type PsoOptions } from './pso.js';
import { randomSearch, type RandomOptions } from './random.js';

export interface SearchOptionsMap {
  abs: AbsOptions;
  'greedy-wir': GreedyWirOptions;
  beam: BeamOptions;
  abfs: AbfsOptions;
  genetic: GeneticOptions;
  pso: PsoOptions;
  random: RandomOptions;
}

export type SearchName = keyof SearchOptionsMap;

const searches = {
  abs: (o: Partial<AbsOptions>) => abs(o),
  'greedy-wir': (o: Partial<GreedyWirOptions>) => greedyWir(o),
  beam: (o: Partial<BeamOptions>) => beam(o),
  abfs: (o: Partial<AbfsOptions>) => abfs(o),
  genetic: (o: Partial<GeneticOptions>) => genetic(o),
  pso: (o: Partial<PsoOptions>) => pso(o),
  random: (o: Partial<RandomOptions>) => randomSearch(o),
} satisfies { [K in SearchName]: (o: Partial<SearchOptionsMap[K]>) => SearchMethod };

export const searchNames = Object.keys(searches) as SearchName[];

export function isSearchName(name: string): name is SearchName {
  return Object.hasOwn(searches, name);
}

/** Builds a search; unknown names and invalid options throw ConfigError. */
export function createSearch(name: string, options: Record<string, unknown> = {}): SearchMethod {
  if (!isSearchName(name)) throw new UnknownComponentError('search', name, searchNames);
  return searches[name](options as never);
}
