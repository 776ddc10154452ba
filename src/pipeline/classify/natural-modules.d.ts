// natural's entry point loads every module it has, storage backends included: ~0.5 s, and their
// `require('dotenv').config()` prints to stdout and reads ./.env (LIBRARIES.md). model.ts imports
// the two files it uses directly (~12 ms, no dotenv); these declarations give them natural's own types.
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  import type { BayesClassifier } from 'natural';
  const Bayes: typeof BayesClassifier;
  export default Bayes;
}

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  import type { Stemmer } from 'natural';
  const PorterStemmer: Stemmer;
  export default PorterStemmer;
}
