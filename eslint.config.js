import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Storage boundary (issue 14): the driver, SQL and the driver's error codes stay in the storage
// implementation folder; everything else speaks the ports (src/storage/ports.ts) or the
// storage/index.ts functions. Tests may read a database directly to check what was stored.
const STORAGE_ONLY = 'only src/storage/sqlite/ talks to SQLite: use the storage ports or a function of src/storage/index.ts';

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
    ignores: ['src/storage/sqlite/**', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'better-sqlite3', message: STORAGE_ONLY }] }],
      'no-restricted-syntax': [
        'error',
        { selector: 'Literal[value=/SQLITE_/]', message: `${STORAGE_ONLY} (driver error codes map to StorageError there)` },
        { selector: 'TemplateElement[value.raw=/SQLITE_/]', message: `${STORAGE_ONLY} (driver error codes map to StorageError there)` },
        { selector: 'CallExpression[callee.property.name=/^(prepare|pragma|transaction)$/]', message: `${STORAGE_ONLY} (SQL, pragmas and transactions live there, inside the ports' methods)` },
        { selector: 'TemplateElement[value.raw=/\\b(SELECT|INSERT INTO|UPDATE \\w+ SET|DELETE FROM)\\b/]', message: `${STORAGE_ONLY} (SQL belongs there)` },
      ],
    },
  },
);
