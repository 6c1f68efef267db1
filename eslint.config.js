import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'test-results', 'playwright-report', 'coverage', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  // The build compiles src/ alone: an import of test code from a non-test module would not compile
  // into dist/ (tsc, not type-checking, writes such files beside their sources instead).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/test/**'], message: 'Product code must not import test code.' }] },
      ],
    },
  },
  // Small modules (docs/ENGINEERING.md): no file over 400 lines, and a route module, which only
  // translates HTTP, about 250 at most.
  { files: ['**/*.ts', '**/*.js'], rules: { 'max-lines': ['error', { max: 400 }] } },
  {
    files: ['src/**/*routes*.ts', 'src/**/routes/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'max-lines': ['error', { max: 260 }] },
  },
  // Scripts served to the browser run with the DOM, not Node.
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', HTMLElement: 'readonly' } },
  },
);
