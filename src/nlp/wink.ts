/**
 * @module One lazily-loaded wink-nlp instance per thread. Loading the English model costs ~180 ms and ~60 MB,
 * so the analyzer and the wink sentiment target share this instance, and nothing loads it until it is needed.
 */
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let instance: WinkMethods | undefined;

export function wink(): WinkMethods {
  instance ??= winkNLP(model);
  return instance;
}
