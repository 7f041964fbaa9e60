/**
 * The layer rules live in eslint.config.js and in each layer's tsconfig; this proves they bite. Each case lints (or
 * type-checks) a snippet as if it sat at a path inside the layer, with the project's own config.
 */
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

async function lint(relativePath: string, code: string): Promise<{ rules: (string | null)[]; messages: string[] }> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, relativePath) });
  const messages = result!.messages;
  return { rules: messages.map((m) => m.ruleId), messages: messages.map((m) => m.message) };
}

const RULE = 'layers/allowed-imports';

/** Each probe sits in a layer and imports something that layer's allow-list leaves out: it must fail. */
const refused: { layer: string; at: string; code: string; says: RegExp }[] = [
  {
    layer: 'shared/domain',
    at: 'shared/domain/layer-probe.ts',
    code: `import fs from 'node:fs';\nexport const r = fs.readFileSync;\n`,
    says: /Node built-in/u,
  },
  {
    layer: 'shared/domain',
    at: 'shared/domain/layer-probe.ts',
    code: `import { createCore } from '../../electron/core/core';\nexport const c = createCore;\n`,
    says: /is in electron\/core/u,
  },
  {
    layer: 'shared/domain',
    at: 'shared/domain/layer-probe.ts',
    code: `import { Kysely } from 'kysely';\nexport const k = Kysely;\n`,
    says: /'kysely' is not among them/u,
  },
  {
    layer: 'shared/domain',
    at: 'shared/domain/layer-probe.ts',
    code: `import { describe } from 'vitest';\nexport const d = describe;\n`,
    says: /'vitest' is not among them/u,
  },
  {
    layer: 'shared/api',
    at: 'shared/api/layer-probe.ts',
    code: `import { useState } from 'react';\nexport const s = useState;\n`,
    says: /shared\/api .* 'react' is not among them/u,
  },
  {
    layer: 'shared/api',
    at: 'shared/api/layer-probe.ts',
    code: `export { App } from '../../renderer/app/App';\n`,
    says: /is in renderer/u,
  },
  {
    layer: 'renderer',
    at: 'renderer/features/layer-probe.ts',
    code: `import { createCore } from '../../electron/core/core';\nexport const c = createCore;\n`,
    says: /^renderer .* is in electron\/core/u,
  },
  {
    layer: 'renderer',
    at: 'renderer/features/layer-probe.ts',
    code: `import { readFileSync } from 'fs';\nexport const r = readFileSync;\n`,
    says: /Node built-in/u,
  },
  {
    layer: 'electron/core',
    at: 'electron/core/handlers/layer-probe.ts',
    code: `import { app } from 'electron';\nexport const name = (): string => app.getName();\n`,
    says: /^electron\/core .* 'electron' is not among them/u,
  },
  {
    layer: 'electron/core',
    at: 'electron/core/handlers/layer-probe.ts',
    code: `import { CSP } from '../../main/main';\nexport const c = CSP;\n`,
    says: /is in electron\/main/u,
  },
  {
    layer: 'electron/core',
    at: 'electron/core/handlers/layer-probe.ts',
    code: `export const load = (): Promise<unknown> => import('../../../renderer/app/App');\n`,
    says: /is in renderer/u,
  },
  {
    layer: 'migrations',
    at: 'electron/core/db/migrations/layer-probe.ts',
    code: `import { STRATEGIES } from '../../../../shared/domain/taxonomy';\nexport const s = STRATEGIES;\n`,
    says: /^electron\/core\/db\/migrations .* is in shared\/domain/u,
  },
  {
    layer: 'migrations',
    at: 'electron/core/db/migrations/layer-probe.ts',
    code: `import { rankedProjects } from '../../services/ranking';\nexport const r = rankedProjects;\n`,
    says: /is in electron\/core\b/u,
  },
  {
    layer: 'migrations',
    at: 'electron/core/db/migrations/layer-probe.ts',
    code: `import fs from 'node:fs';\nexport const f = fs;\n`,
    says: /Node built-in/u,
  },
  {
    layer: 'electron/main',
    at: 'electron/main/layer-probe.ts',
    code: `import { App } from '../../renderer/app/App';\nexport const a = App;\n`,
    says: /^electron\/main .* is in renderer/u,
  },
  {
    layer: 'electron/main',
    at: 'electron/main/layer-probe.ts',
    code: `import { Kysely } from 'kysely';\nexport const k = Kysely;\n`,
    says: /'kysely' is not among them/u,
  },
  {
    layer: 'electron/preload',
    at: 'electron/preload/layer-probe.ts',
    code: `import fs from 'node:fs';\nexport const f = fs;\n`,
    says: /^electron\/preload .* Node built-in/u,
  },
  {
    layer: 'electron/preload',
    at: 'electron/preload/layer-probe.ts',
    code: `import { createCore } from '../core/core';\nexport const c = createCore;\n`,
    says: /is in electron\/core/u,
  },
];

describe('layer rules (allow-lists)', () => {
  it.each(refused)('$layer refuses $code', async ({ at, code, says }) => {
    const r = await lint(at, code);
    expect(r.rules).toEqual([RULE]);
    expect(r.messages[0]).toMatch(says);
  });

  it('every layer with an allow-list has a probe that must fail', () => {
    const probed = new Set(refused.map((p) => p.layer));
    for (const layer of [
      'shared/domain',
      'shared/api',
      'renderer',
      'electron/core',
      'migrations',
      'electron/main',
      'electron/preload',
    ])
      expect(probed).toContain(layer);
  });

  it('legal imports pass with no message at all', async () => {
    const legal: [string, string][] = [
      [
        'shared/domain/layer-probe.ts',
        `import { parseBaht } from './money';\nimport type { ApiError } from '../api/errors';\nexport const ok = (e: ApiError): boolean => parseBaht(e.message).ok;\n`,
      ],
      ['shared/api/layer-probe.ts', `import { z } from 'zod';\nexport const id = z.number();\n`],
      [
        'renderer/features/layer-probe.ts',
        `import { formatBaht } from '../../shared/domain/money';\nimport { useState } from 'react';\nexport const shown = [formatBaht(150), useState];\n`,
      ],
      [
        'electron/core/handlers/layer-probe.ts',
        `import { readFileSync } from 'node:fs';\nimport { parseBaht } from '../../../shared/domain/money';\nexport const f = (p: string): boolean => parseBaht(readFileSync(p, 'utf8')).ok;\n`,
      ],
      ['electron/core/db/migrations/layer-probe.ts', `import { sql } from 'kysely';\nexport const q = sql;\n`],
      [
        'electron/main/layer-probe.ts',
        `import { app } from 'electron';\nimport { join } from 'node:path';\nimport { createCore } from '../core/core';\nexport const x = [app, join, createCore];\n`,
      ],
      ['electron/preload/layer-probe.ts', `import { contextBridge } from 'electron';\nexport const b = contextBridge;\n`],
      [
        'shared/domain/layer-probe.test.ts',
        `import { it } from 'vitest';\nimport fc from 'fast-check';\nexport const t = [it, fc];\n`,
      ],
    ];
    for (const [at, code] of legal) expect({ at, ...(await lint(at, code)) }).toEqual({ at, rules: [], messages: [] });
  });
});

/**
 * Type-checks a snippet as a file at `at`, with the compiler options of the tsconfig in `project` (its lib and types
 * decide which globals and modules exist); returns the snippet's own diagnostics.
 */
function typeCheck(project: string, at: string, code: string): string[] {
  const configPath = join(repoRoot, project, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const options = { ...parsed.options, noEmit: true };
  const probe = join(repoRoot, at);
  const host = ts.createCompilerHost(options);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === probe ? ts.createSourceFile(name, code, language) : readSource(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === probe || fileExists(name);
  const program = ts.createProgram({ rootNames: [probe], options, host });
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(probe))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Each probe uses a global or module its layer's tsconfig leaves out (lib, types): it must not type-check. */
const untyped: { project: string; at: string; code: string; says: RegExp }[] = [
  {
    project: 'shared',
    at: 'shared/domain/tsc-probe.ts',
    code: `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
    says: /Cannot find (module|name) 'node:fs'/u,
  },
  {
    project: 'shared',
    at: 'shared/api/tsc-probe.ts',
    code: `export const t = document.title;\n`,
    says: /Cannot find name 'document'/u,
  },
  {
    project: 'shared',
    at: 'shared/domain/tsc-probe.ts',
    code: `export const home = process.env['HOME'];\n`,
    says: /Cannot find name 'process'/u,
  },
  {
    project: 'renderer',
    at: 'renderer/features/tsc-probe.ts',
    code: `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
    says: /Cannot find (module|name) 'node:fs'/u,
  },
  {
    project: 'renderer',
    at: 'renderer/features/tsc-probe.ts',
    code: `export const b = Buffer.from('x');\n`,
    says: /Cannot find name 'Buffer'/u,
  },
  {
    project: 'electron',
    at: 'electron/core/services/tsc-probe.ts',
    code: `export const t = (): string => document.title;\n`,
    says: /Cannot find name 'document'/u,
  },
  {
    project: 'electron/core/db/migrations',
    at: 'electron/core/db/migrations/tsc-probe.ts',
    code: `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
    says: /Cannot find (module|name) 'node:fs'/u,
  },
  {
    project: 'electron/core/db/migrations',
    at: 'electron/core/db/migrations/tsc-probe.ts',
    code: `export const now = (): number => performance.now() + process.uptime();\n`,
    says: /Cannot find name '(performance|process)'/u,
  },
  {
    project: 'electron/main',
    at: 'electron/main/tsc-probe.ts',
    code: `export const t = (): string => document.title;\n`,
    says: /Cannot find name 'document'/u,
  },
  {
    project: 'electron/preload',
    at: 'electron/preload/tsc-probe.ts',
    code: `export const t = (): string => document.title;\n`,
    says: /Cannot find name 'document'/u,
  },
];

describe('layer rules (tsconfig: lib and types)', { timeout: 60_000 }, () => {
  it.each(untyped)('$project refuses $code', ({ project, at, code, says }) => {
    const messages = typeCheck(project, at, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(says);
  });

  it('every layer tsconfig has a probe that must fail', () => {
    const probed = new Set(untyped.map((p) => p.project));
    for (const project of ['shared', 'renderer', 'electron', 'electron/main', 'electron/preload', 'electron/core/db/migrations'])
      expect(probed).toContain(project);
  });

  it('what each layer may use type-checks with no message at all', () => {
    const legal: [string, string, string][] = [
      ['shared', 'shared/domain/tsc-probe.ts', `import { z } from 'zod';\nexport const n = z.number().parse([1].at(0));\n`],
      ['renderer', 'renderer/features/tsc-probe.ts', `export const t = (): string => document.title;\n`],
      [
        'electron',
        'electron/core/services/tsc-probe.ts',
        `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
      ],
      [
        'electron/core/db/migrations',
        'electron/core/db/migrations/tsc-probe.ts',
        `import { sql } from 'kysely';\nexport const q = sql;\n`,
      ],
      ['electron/main', 'electron/main/tsc-probe.ts', `import { join } from 'node:path';\nexport const j = join;\n`],
      [
        'electron/preload',
        'electron/preload/tsc-probe.ts',
        `import { contextBridge } from 'electron';\nexport const b = contextBridge;\n`,
      ],
    ];
    for (const [project, at, code] of legal) expect({ at, messages: typeCheck(project, at, code) }).toEqual({ at, messages: [] });
  });
});
