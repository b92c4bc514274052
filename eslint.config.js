// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeOnly = ['electron', 'electron/*', 'node:*', 'fs', 'path', 'http', 'https', 'child_process', 'os', 'crypto'];

/** Test support lives in `testing/` folders; only tests may import it. Benches are measuring tools run beside the tests. */
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'e2e/**', 'scripts/bench/**'];
const testingOnly = { group: ['**/testing', '**/testing/**'], message: 'testing/ holds test support: production code may not import it.' };
const rendererNodeOnly = { group: nodeOnly, message: 'The renderer talks to main only through the preload bridge.' };
/**
 * A `no-restricted-imports` group (gitignore-style patterns) as one regular expression for
 * esquery: `**` spans folders, `*` stays inside one, a pattern without `/` matches at any depth,
 * and a match covers everything below it. `/` is written `\\x2F` because esquery ends a regex at `/`.
 * @param {string[]} group
 */
function groupRegex(group) {
  return `^(${group.map(patternRegex).join('|')})(/.*)?$`.replaceAll('/', '\\x2F');
}

/** @param {string} pattern */
function patternRegex(pattern) {
  /** @type {Record<string, string>} */
  const globs = { '**/': '(.*/)?', '/**': '/.*', '*': '[^/]*' };
  const body = pattern.replace(/\*\*\/|\/\*\*|\*|[.+?^${}()|[\]\\]/g, (m) => globs[m] ?? `\\${m}`);
  return pattern.includes('/') ? body : `(.*/)?${body}`;
}

/**
 * `no-restricted-imports` sees `import` and `export … from` but not `import()`: the same
 * restrictions as `no-restricted-syntax` selectors on a dynamic import with a literal source
 * (a string, or a template literal without expressions).
 * @param {{ name: string, message: string }[]} paths
 * @param {{ group: string[], message: string }[]} patterns
 */
function dynamicImportRules(paths, patterns) {
  // A template literal without expressions is bundled like a string literal: its text is the source.
  /** @param {string} test */
  const template = (test) => `ImportExpression > TemplateLiteral.source[expressions.length=0][quasis.0.value.cooked${test}]`;
  return [
    ...paths.flatMap(({ name, message }) => [
      { selector: `ImportExpression[source.value=${JSON.stringify(name)}]`, message },
      { selector: template(`=${JSON.stringify(name)}`), message },
    ]),
    ...patterns.flatMap(({ group, message }) => [
      { selector: `ImportExpression[source.value=/${groupRegex(group)}/]`, message },
      { selector: template(`=/${groupRegex(group)}/`), message },
    ]),
  ];
}

/**
 * One `no-restricted-imports` and one `no-restricted-syntax` rule per area (in flat config a
 * later entry replaces the rule's options, it does not add to them): the area's own restrictions
 * for every file, plus `testingOnly` for the files that are not tests.
 * @param {string[]} files
 * @param {{ paths?: { name: string, message: string }[], patterns?: { group: string[], message: string }[] }} [options]
 */
function zone(files, { paths = [], patterns = [] } = {}) {
  /** @param {{ group: string[], message: string }[]} extra */
  const rules = (extra) => ({
    'no-restricted-imports': ['error', { paths, patterns: [...patterns, ...extra] }],
    'no-restricted-syntax': ['error', ...dynamicImportRules(paths, [...patterns, ...extra])],
  });
  return [
    { files, rules: rules([]) },
    { files, ignores: TEST_FILES, rules: rules([testingOnly]) },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', '.vite/**', 'dist/**', 'renderer/dist/**', 'test-results/**', 'playwright-report/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-console': 'off',
    },
  },
  ...zone(['**/*.{ts,tsx,js}']),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  // The renderer is untrusted web content: it may not reach Node or Electron.
  ...zone(['renderer/**/*.{ts,tsx}'], { patterns: [rendererNodeOnly] }),
  // The two screens share only renderer/app, state, scan, ui and shared/: neither reaches into the other.
  ...zone(['renderer/manager/**/*.{ts,tsx}'], {
    patterns: [{ group: ['**/cashier', '**/cashier/**'], message: 'The manager console may not import the cashier screen\'s internals.' }, rendererNodeOnly],
  }),
  ...zone(['renderer/cashier/**/*.{ts,tsx}'], {
    patterns: [{ group: ['**/manager', '**/manager/**'], message: 'The cashier screen may not import the manager console\'s internals.' }, rendererNodeOnly],
  }),
  ...zone(['shared/**/*.ts'], { patterns: [{ group: nodeOnly, message: 'shared/ runs in both processes: no Node or Electron imports.' }] }),
  // The core, sandbox, CLI and web host must run under plain Node: no Electron.
  ...zone(['electron/core/**/*.ts', 'electron/sandbox/**/*.ts', 'electron/cli/**/*.ts', 'electron/web-host/**/*.ts'], {
    paths: [{ name: 'electron', message: 'Electron-free module: inject what you need from electron/shell.' }],
  }),
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
