/** @module Minimal types for the untyped CommonJS package `vader-sentiment` (only what Quiver calls). */
declare module 'vader-sentiment' {
  interface PolarityScores {
    readonly neg: number;
    readonly neu: number;
    readonly pos: number;
    /** Normalised sum of valences, in [-1, 1]. */
    readonly compound: number;
  }
  /** What its valence rules read of a text: the scored tokens, and whether some but not all are in capitals. */
  interface SentiText {
    readonly text: string;
    readonly words_and_emoticons: readonly string[];
    readonly is_cap_diff: boolean;
  }
  const vader: {
    readonly SentimentIntensityAnalyzer: {
      polarity_scores(text: string): PolarityScores;
      /** Appends the valence of token `index` (`valence` is its start, 0) to `sentiments` and returns it. */
      sentiment_valence(
        valence: number,
        sentiText: SentiText,
        item: string,
        index: number,
        sentiments: number[],
      ): number[];
      but_check(words: readonly string[], sentiments: number[]): number[];
      score_valence(sentiments: number[], text: string): PolarityScores;
    };
  };
  export = vader;
}
