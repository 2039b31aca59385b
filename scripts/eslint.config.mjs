// ESLint flat config, run from the repo root: eslint -c scripts/eslint.config.mjs apps libs tests
import path from 'node:path';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

const root = path.resolve(import.meta.dirname, '..');
const APPS = ['gateway', 'referral-service', 'routing-service', 'deadline-service'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'scripts/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: path.join(root, 'tsconfig.json'), tsconfigRootDir: root },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Function is the type TypeORM and Nest use for class references.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
    },
  },
  // An app never imports another app.
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: APPS.filter((other) => other !== app).map((other) => ({
            group: [`**/${other}/**`, `**/${other}`],
            message: 'An app never imports another app; share through libs/ or talk through Kafka.',
          })),
        },
      ],
    },
  })),
  // The domain is plain TypeScript: no framework, no database, no outer layers.
  {
    files: ['**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/infrastructure/**', '**/interface/**', '**/application/**'], message: 'domain/ depends on nothing outside the domain.' },
            { group: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg'], message: 'domain/ is plain TypeScript: no Nest, TypeORM or I/O.' },
          ],
        },
      ],
    },
  },
);
