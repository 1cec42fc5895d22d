// One lint configuration for sources, scripts, benchmarks and tests: typescript-eslint's recommended rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'target/', 'test/fixtures/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The bridge to nunjucks' untyped runtime, compiler and parser objects.
    files: ['src/jinja/compat/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
