import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Storage boundary (issues 14 and 20): each driver, SQL and the drivers' error codes stay in the
// storage implementation folders (src/storage/sqlite/, src/storage/postgres/), and each driver in
// its own; everything else speaks the ports (src/storage/ports.ts) or the storage/index.ts
// functions. Tests may read a database directly to check what was stored.
const STORAGE_ONLY = 'only src/storage/sqlite/ and src/storage/postgres/ talk to a database: use the storage ports or a function of src/storage/index.ts';
const SQLITE_DRIVER = { name: 'better-sqlite3', message: 'only src/storage/sqlite/ imports better-sqlite3' };
const PG_DRIVER = { name: 'pg', message: 'only src/storage/postgres/ imports pg' };
const SQLITE_CODES = [
  { selector: 'Literal[value=/SQLITE_/]', message: 'SQLite error codes are read in src/storage/sqlite/errors.ts only (mapped to StorageError there)' },
  { selector: 'TemplateElement[value.raw=/SQLITE_/]', message: 'SQLite error codes are read in src/storage/sqlite/errors.ts only (mapped to StorageError there)' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/storage/sqlite/**', 'src/storage/postgres/**', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [SQLITE_DRIVER, PG_DRIVER] }],
      'no-restricted-syntax': [
        'error',
        ...SQLITE_CODES,
        { selector: 'CallExpression[callee.property.name=/^(prepare|pragma|transaction)$/]', message: `${STORAGE_ONLY} (SQL, pragmas and transactions live there, inside the ports' methods)` },
        { selector: 'TemplateElement[value.raw=/\\b(SELECT|INSERT INTO|UPDATE \\w+ SET|DELETE FROM)\\b/]', message: `${STORAGE_ONLY} (SQL belongs there)` },
      ],
    },
  },
  {
    files: ['src/storage/sqlite/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [PG_DRIVER] }] },
  },
  {
    files: ['src/storage/postgres/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [SQLITE_DRIVER] }],
      'no-restricted-syntax': ['error', ...SQLITE_CODES],
    },
  },
);
