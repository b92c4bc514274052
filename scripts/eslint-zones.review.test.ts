import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The zone rules only, without type information (as eslint-zones.test.ts runs them).
const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfigFile: 'eslint.config.js',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' || ruleId === 'no-restricted-syntax',
});

async function zoneErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

/** A form that loads a module at run time and that eslint-zones.test.ts does not try. */
const forms = (source: string) => ({
  // Vite bundles a template literal without expressions like a string literal.
  'dynamic import of a template literal': `export const load = () => import(\`${source}\`);\n`,
});

describe('review: ESLint import zones', () => {
  for (const [zone, filePath, source, message] of [
    ['manager → cashier', 'renderer/manager/pin/zz-probe.ts', '../../cashier/award-panel.tsx', /manager console may not import the cashier/],
    ['production code → testing/', 'electron/core/app/zz-probe.ts', './testing/till-kit.ts', /testing\/ holds test support/],
  ] as const) {
    it.each(Object.entries(forms(source)))(`${zone}: %s is refused`, async (_form, code) => {
      const errors = await zoneErrors(filePath, code);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
    });
  }
});
