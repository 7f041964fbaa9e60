/**
 * The layer rules live in eslint.config.js; this proves they bite. Each case lints a snippet as if it sat at a
 * path inside the layer, with the project's own config.
 */
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

async function lint(relativePath: string, code: string): Promise<{ rules: (string | null)[]; messages: string[] }> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, relativePath) });
  const messages = result!.messages;
  return { rules: messages.map((m) => m.ruleId), messages: messages.map((m) => m.message) };
}

describe('layer rules', () => {
  it('shared/domain may not import Node built-ins', async () => {
    const code = `import fs from 'node:fs';\nexport const read = (p: string): string => fs.readFileSync(p, 'utf8');\n`;
    const r = await lint('shared/domain/layer-probe.ts', code);
    expect(r.rules).toContain('no-restricted-imports');
    expect(r.messages.join('\n')).toMatch(/Node/u);
  });

  it('shared/ may not import the electron or renderer layers', async () => {
    const code = `import { createCore } from '../../electron/core/core';\nexport const c = createCore;\n`;
    expect((await lint('shared/domain/layer-probe.ts', code)).rules).toContain('no-restricted-imports');
  });

  it('electron/core may not import electron', async () => {
    const code = `import { app } from 'electron';\nexport const name = (): string => app.getName();\n`;
    const r = await lint('electron/core/handlers/layer-probe.ts', code);
    expect(r.rules).toContain('no-restricted-imports');
    expect(r.messages.join('\n')).toMatch(/electron\/core/u);
  });

  it('renderer/ may not import the core', async () => {
    const code = `import { createCore } from '../../electron/core/core';\nexport const c = createCore;\n`;
    const r = await lint('renderer/features/layer-probe.ts', code);
    expect(r.rules).toContain('no-restricted-imports');
    expect(r.messages.join('\n')).toMatch(/renderer/u);
  });

  it('renderer/ may not import Node built-ins', async () => {
    const code = `import { readFileSync } from 'fs';\nexport const r = readFileSync;\n`;
    expect((await lint('renderer/features/layer-probe.ts', code)).rules).toContain('no-restricted-imports');
  });

  it('legal imports pass with no message at all', async () => {
    const domain = `import { parseBaht } from './money';\nexport const ok = parseBaht('1,250').ok;\n`;
    expect(await lint('shared/domain/layer-probe.ts', domain)).toEqual({ rules: [], messages: [] });
    const renderer = `import { formatBaht } from '../../shared/domain/money';\nexport const shown = formatBaht(150);\n`;
    expect(await lint('renderer/features/layer-probe.ts', renderer)).toEqual({ rules: [], messages: [] });
    const core = `import { readFileSync } from 'node:fs';\nimport { parseBaht } from '../../../shared/domain/money';\nexport const f = (p: string): boolean => parseBaht(readFileSync(p, 'utf8')).ok;\n`;
    expect(await lint('electron/core/handlers/layer-probe.ts', core)).toEqual({ rules: [], messages: [] });
  });
});
