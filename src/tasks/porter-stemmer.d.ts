/** @module Minimal types for natural's Porter stemmer, deep-imported so the rest of natural is not loaded. */
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
