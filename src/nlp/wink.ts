/**
 * @module One lazily-loaded wink-nlp instance per thread. Loading the English model costs ~180 ms and ~60 MB, so the
 * analyzer and the wink sentiment target share this instance, and nothing loads it until it is needed: not even
 * importing this module does (the model package reads its data when it is loaded), so a campaign's main thread,
 * which imports the registry only to check names, never pays for it.
 */
import { createRequire } from 'node:module';
import type { WinkMethods } from 'wink-nlp';

let instance: WinkMethods | undefined;

export function wink(): WinkMethods {
  if (instance === undefined) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
    instance = winkNLP(require('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0]);
  }
  return instance;
}
