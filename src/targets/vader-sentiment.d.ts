/** @module Minimal types for the untyped CommonJS package `vader-sentiment` (only what Quiver calls). */
declare module 'vader-sentiment' {
  interface PolarityScores {
    readonly neg: number;
    readonly neu: number;
    readonly pos: number;
    /** Normalised sum of valences, in [-1, 1]. */
    readonly compound: number;
  }
  const vader: {
    readonly SentimentIntensityAnalyzer: { polarity_scores(text: string): PolarityScores };
  };
  export = vader;
}
