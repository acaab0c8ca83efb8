/** @module Search registry: name -> factory, with each method's options. */
import { UnknownComponentError } from '../core/errors.js';
import type { SearchMethod } from '../core/search.js';
import { abs, type AbsOptions } from './abs.js';
import { greedyWir, type GreedyWirOptions } from './greedy-wir.js';

export interface SearchOptionsMap {
  abs: AbsOptions;
  'greedy-wir': GreedyWirOptions;
}

export type SearchName = keyof SearchOptionsMap;

const searches = {
  abs: (o: Partial<AbsOptions>) => abs(o),
  'greedy-wir': (o: Partial<GreedyWirOptions>) => greedyWir(o),
} satisfies { [K in SearchName]: (o: Partial<SearchOptionsMap[K]>) => SearchMethod };

export const searchNames = Object.keys(searches) as SearchName[];

export function isSearchName(name: string): name is SearchName {
  return Object.hasOwn(searches, name);
}

export function createSearch(name: string, options: Record<string, unknown> = {}): SearchMethod {
  if (!isSearchName(name)) throw new UnknownComponentError('search', name, searchNames);
  return searches[name](options as never);
}
