import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The tests StrykerJS runs (`npm run test:mutation`, stryker.config.mjs): the unit tests of the
 * mutated modules only. Integration tests and the time-boxed property tests are left out: they
 * would run for every mutant and, being random, could kill a mutant in one run and not the next.
 * (Spread, not mergeConfig: mergeConfig would append to the base config's include list.)
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'src/pipeline/normalize/*.test.ts',
      'src/pipeline/fetch/classify-error*.test.ts',
      'src/newsletter/render/*.test.ts',
    ],
    exclude: ['**/properties.test.ts', '**/*-properties.test.ts', '**/node_modules/**'],
  },
});
