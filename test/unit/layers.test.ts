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
