// The linter: TypeScript's recommended rules, no import cycles, and the dependency direction between the
// packages (tensor <- backends, tensor <- regularizers <- layers <- keras <- neurite), so a package can
// only import the ones below it. `pnpm lint` runs it; `.ci/run` runs it through `pnpm test`.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/** What each package's sources may import of the others (the rest of @neurite/* and `neurite` is refused). */
const ALLOWED = {
  tensor: [],
  'backend-cpu': ['@neurite/tensor'],
  'backend-wasm': ['@neurite/tensor', '@neurite/backend-cpu'],
  'backend-gpu': ['@neurite/tensor'],
  regularizers: ['@neurite/tensor'],
  layers: ['@neurite/tensor', '@neurite/regularizers'],
  keras: ['@neurite/tensor', '@neurite/regularizers', '@neurite/layers'],
  datasets: ['@neurite/tensor'],
  neurite: ['@neurite/keras', '@neurite/backend-wasm', '@neurite/backend-cpu'],
};
const ALL = ['neurite', ...Object.keys(ALLOWED).filter((p) => p !== 'neurite').map((p) => `@neurite/${p}`)];

const direction = Object.entries(ALLOWED).map(([pkg, allowed]) => ({
  files: [`packages/${pkg}/src/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: ALL.filter((name) => !allowed.includes(name) && name !== `@neurite/${pkg}`).map((name) => ({
          name,
          message: `packages/${pkg} may import only ${allowed.length ? allowed.join(', ') : 'no other Neurite package'} (tensor <- backends, tensor <- regularizers <- layers <- keras <- neurite)`,
        })),
        patterns: [
          { group: ['../../*/src/*', '../../../*/src/*', '@neurite/*/src/*', '@neurite/*/dist/*'], message: "another package's files are internal: import its public API (its package name)" },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/test-results/**', 'packages/backend-wasm/src/generated/**', 'packages/backend-wasm/assembly/**', 'apps/bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter a subclass or interface needs but this body does not use
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // constructor types in registries and factories (`new (config?: any) => T`) need `any` (parameters are contravariant)
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle parses each imported file: with TypeScript's parser, resolving './x.js' to './x.ts'
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['packages/*/tsconfig.json', 'apps/*/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
    },
  },
  ...direction,
);
