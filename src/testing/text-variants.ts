/**
 * @module Variants of a sentence that stress a scorer's or tagger's tokenising: capitals, punctuation glued to words,
 * quotes and exclamations, commas before every word, marks between words, and negations. Tests that check a faster
 * scorer, tagger or tokenizer against the original compare them on each variant of each dataset sentence.
 */
import { readFileSync } from 'node:fs';
import { sharedDataset } from './cli.js';

/** Eight variants of `text`, itself first. */
function scorerVariants(text: string): string[] {
  return [
    text,
    text.toUpperCase(),
    text.replace(/ ([.,!?;:'"])/g, '$1'),
    `"${text}!!"`,
    text.replace(/ /g, ' ,'),
    `??${text.split(' ').join('!? ')}`,
    `not ${text}`,
    `I don't think ${text}`,
  ];
}

/** Every SST-2 dev sentence (../shared/datasets) in each of its `scorerVariants`, sentence by sentence. */
export function sst2DevVariants(): string[] {
  return readFileSync(sharedDataset('sst2-dev.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .flatMap((line) => scorerVariants((JSON.parse(line) as { text: string }).text));
}
