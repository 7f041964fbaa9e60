import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePb } from './pb-format';
import { pbApprovalProfile, PB_RULE_KEYS, runPbRuleOnProfile } from './rules';

// /work/shared sits beside the repository: <repo>/../shared/pabulib.
const PABULIB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/pabulib');
const present = existsSync(path.join(PABULIB, 'instances')) && existsSync(path.join(PABULIB, 'reference'));

type RuleRef = { status: string; selected?: string[]; selected_in_order?: string[]; seconds?: number };

const suite = present ? describe : describe.skip;
suite(
  present
    ? 'Pabulib reference outcomes (pabutools 1.2.3)'
    : '../shared/pabulib not found beside the repo: skipping Pabulib reference tests',
  () => {
    const files = present
      ? readdirSync(path.join(PABULIB, 'instances'))
          .filter((f) => /\.pb$/.test(f))
          .sort()
      : [];
    for (const file of files) {
      const name = file.replace(/\.pb$/, '');
      describe(name, () => {
        const refPath = path.join(PABULIB, 'reference', `${name}.json`);
        const ref = existsSync(refPath)
          ? (JSON.parse(readFileSync(refPath, 'utf8')) as { rules: Record<string, RuleRef> })
          : null;
        const instance = parsePb(readFileSync(path.join(PABULIB, 'instances', file), 'utf8'));
        it('parses', () => {
          expect(instance.projects.length).toBeGreaterThan(0);
        });
        const profile = pbApprovalProfile(instance);
        for (const key of PB_RULE_KEYS) {
          const r = ref?.rules[key];
          if (!r || r.status !== 'ok') continue;
          // Speed is measured in `npm run bench` (allocation.mes_add1_pabulib_max_s), not here.
          it(`${key} selects exactly what pabutools selects`, () => {
            const ours = runPbRuleOnProfile(profile, key);
            expect(ours.selected).toEqual(r.selected);
            if (r.selected_in_order) expect(ours.inOrder).toEqual(r.selected_in_order);
          });
        }
      });
    }
  },
);
