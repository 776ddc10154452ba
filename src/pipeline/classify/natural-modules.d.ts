// natural's entry point loads every module it has, storage backends included: ~0.5 s, and their
// `require('dotenv').config()` prints to stdout and reads ./.env (LIBRARIES.md). model.ts imports
// the one file it uses directly (~5 ms, no dotenv); this declaration gives it natural's own type.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  import type { Stemmer } from 'natural';
  const PorterStemmer: Stemmer;
  export default PorterStemmer;
}
