// ESLint flat config: npx eslint -c scripts/eslint.config.mjs apps libs tests
import path from 'node:path';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

// With -c, ESLint resolves globs against the cwd; anchoring them here makes the result the same from any cwd.
const root = path.resolve(import.meta.dirname, '..');
const APPS = ['gateway', 'referral-service', 'routing-service', 'deadline-service'];
const TESTS = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'tests/**/*.ts'];

const otherApps = (app) =>
  APPS.filter((other) => other !== app).map((other) => ({
    // Climbing out with ../ or naming apps/ (tsconfig baseUrl allows 'apps/...'); a local ./gateway file stays allowed.
    group: [`../**/${other}`, `../**/${other}/**`, `**/apps/${other}`, `**/apps/${other}/**`],
    message: 'An app never imports another app; share through libs/ or talk through Kafka.',
  }));

const noApps = [
  {
    group: ['**/apps/**', ...APPS.flatMap((a) => [`../**/${a}`, `../**/${a}/**`])],
    message: 'libs/ never import an app.',
  },
];

const domainOnly = [
  {
    group: [
      '**/infrastructure',
      '**/infrastructure/**',
      '**/interface',
      '**/interface/**',
      '**/application/**',
    ],
    message: 'domain/ depends on nothing outside the domain.',
  },
  {
    group: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg'],
    message: 'domain/ is plain TypeScript: no Nest, TypeORM or I/O.',
  },
];

const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

// Areas of each service (one folder each under src/): application code may use its own area's
// infrastructure, never another area's, and never the interface layer (ADR 0004).
const AREAS = {
  'referral-service': ['referral', 'consent'],
  'routing-service': ['routing', 'directory'],
  'deadline-service': ['deadline'],
};
const noInterface = {
  group: ['**/interface', '**/interface/**'],
  message: 'application/ and domain/ never import interface/: the controller or consumer maps to a command.',
};
const layerRules = Object.entries(AREAS).flatMap(([app, areas]) =>
  areas.flatMap((area) => {
    const foreignInfra = areas
      .filter((other) => other !== area)
      .map((other) => ({
        group: [`**/${other}/infrastructure`, `**/${other}/infrastructure/**`],
        message: `${area}/application reaches ${other} through its application layer, never its infrastructure.`,
      }));
    // Routing reads the directory; the directory never reads routing.
    const oneWay =
      area === 'directory'
        ? [
            {
              group: ['**/routing/**', '../routing', '../../routing/**'],
              message: 'The directory never imports routing.',
            },
          ]
        : [];
    return [
      // Broad first: a later entry replaces an earlier one's options for the files both match.
      ...(oneWay.length
        ? [restrict([`apps/${app}/src/${area}/**/*.ts`], [...otherApps(app), ...oneWay])]
        : []),
      restrict(
        [`apps/${app}/src/${area}/application/**/*.ts`],
        [...otherApps(app), noInterface, ...foreignInfra, ...oneWay],
      ),
    ];
  }),
);

export default tseslint
  .config(
    { ignores: ['**/dist/**', '**/node_modules/**', 'scripts/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
    ...tseslint.configs.recommendedTypeChecked,
    {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/switch-exhaustiveness-check': 'error',
        // Function is the type TypeORM and Nest use for class references.
        '@typescript-eslint/no-unsafe-function-type': 'off',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      },
    },
    {
      files: TESTS,
      plugins: { jest },
      rules: {
        'jest/no-focused-tests': 'error',
        'jest/no-disabled-tests': 'error',
        // supertest's res.body and the required JS launcher scripts are `any` by design; assertions check them.
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
      },
    },
    // Later entries replace earlier options of the same rule, so a domain file inside an app gets both lists.
    ...APPS.map((app) => restrict([`apps/${app}/**/*.ts`], otherApps(app))),
    restrict(['libs/**/*.ts'], noApps),
    restrict(['**/domain/**/*.ts'], domainOnly),
    restrict(['libs/**/domain/**/*.ts'], [...noApps, ...domainOnly]),
    ...layerRules,
    {
      // Application code may name a row's type; queries and entity values stay in infrastructure/.
      files: ['apps/**/application/**/*.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['**/*.orm-entity'],
                allowTypeImports: true,
                message: 'ORM entities are used in infrastructure/ only (import type is fine).',
              },
            ],
          },
        ],
      },
    },
    ...APPS.map((app) => restrict([`apps/${app}/**/domain/**/*.ts`], [...otherApps(app), ...domainOnly])),
  )
  .map((config) => ({ ...config, basePath: root }));
