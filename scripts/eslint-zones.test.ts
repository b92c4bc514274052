import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// Only the zone rules run, without type information: parsing the whole project for a few
// snippets would cost seconds and checks nothing these rules look at.
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

/** The ways one module can pull in another. */
const forms = (source: string) => ({
  'static import': `import { x } from '${source}';\nexport const y = x;\n`,
  'dynamic import': `export const load = () => import('${source}');\n`,
  // Vite bundles a template literal without expressions like a string literal.
  'dynamic import of a template literal': `export const load = () => import(\`${source}\`);\n`,
  're-export': `export { x } from '${source}';\n`,
  'star re-export': `export * from '${source}';\n`,
});

const cases: { zone: string; filePath: string; source: string; message: RegExp }[] = [
  { zone: 'production code → testing/', filePath: 'electron/core/app/zz-probe.ts', source: './testing/till-kit.ts', message: /testing\/ holds test support/ },
  { zone: 'renderer → renderer/testing/', filePath: 'renderer/cashier/zz-probe.tsx', source: '../testing/fake-bridge.ts', message: /testing\/ holds test support/ },
  { zone: 'manager → cashier', filePath: 'renderer/manager/pin/zz-probe.ts', source: '../../cashier/award-panel.tsx', message: /manager console may not import the cashier/ },
  { zone: 'cashier → manager', filePath: 'renderer/cashier/zz-probe.tsx', source: '../manager/pin/pin-gate.tsx', message: /cashier screen may not import the manager/ },
  { zone: 'renderer → node', filePath: 'renderer/app/zz-probe.ts', source: 'node:fs', message: /only through the preload bridge/ },
  { zone: 'core → electron', filePath: 'electron/core/app/zz-probe.ts', source: 'electron', message: /Electron-free module/ },
];

describe('ESLint import zones', () => {
  for (const { zone, filePath, source, message } of cases) {
    it.each(Object.entries(forms(source)))(`${zone}: %s is refused`, async (_form, code) => {
      const errors = await zoneErrors(filePath, code);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
    });
  }

  it('tests may import testing/ in every form', async () => {
    for (const code of Object.values(forms('./testing/till-kit.ts'))) {
      expect(await zoneErrors('electron/core/app/zz-probe.test.ts', code)).toEqual([]);
    }
  });

  it('shared modules and look-alike names pass in every form', async () => {
    for (const source of ['../state/session-store.ts', '../ui/button.tsx', './cashier-copy.ts', '../app/testing-mode.ts']) {
      for (const code of Object.values(forms(source))) {
        expect(await zoneErrors('renderer/manager/zz-probe.ts', code)).toEqual([]);
      }
    }
  });
});
