import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Q from '../allocation/rational';
import { approvalGreedy, compareIds } from '../allocation/approval-greedy';
import { runMes } from '../allocation/mes';
import type { MesUtility } from '../allocation/mes';

const GOLDEN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/pabulib/golden/pabutools_unit_cases.json',
);
const present = existsSync(GOLDEN);

type Election = {
  name: string;
  budget: number | string;
  projects: { id: string; cost: number | string }[];
  ballots: string[][];
  initial_allocation: string[];
  expected_irresolute: Record<string, string[][]>;
};

const rat = (v: number | string): Q.Rational => (typeof v === 'number' ? Q.fromInt(v) : Q.fromDecimalString(v));

function ours(e: Election, rule: string): string[] | null {
  const projects = e.projects.map((p) => ({ id: p.id, cost: rat(p.cost) }));
  const ballots = e.ballots.map((b) => ({ weight: 1, approves: b }));
  const budget = rat(e.budget);
  const m = /^(greedy_utilitarian_welfare|method_of_equal_shares|mes_iterated)\[(Cost_Sat|Cardinality_Sat)\]$/.exec(rule);
  if (!m) return null;
  const utility: MesUtility = m[2] === 'Cost_Sat' ? 'cost' : 'card';
  if (m[1] === 'greedy_utilitarian_welfare') {
    const approvals = new Map<string, number>();
    for (const b of e.ballots) for (const id of new Set(b)) approvals.set(id, (approvals.get(id) ?? 0) + 1);
    return [
      ...approvalGreedy({
        projects: projects.map((p) => ({ ...p, approvals: approvals.get(p.id) ?? 0 })),
        budget,
        utility,
        initial: e.initial_allocation,
      }).selected,
    ];
  }
  return [
    ...runMes({
      projects,
      ballots,
      budget,
      utility,
      initial: e.initial_allocation,
      completion: m[1] === 'mes_iterated' ? 'add1' : 'none',
      increment: Q.make(1n, 10n),
    }).selected,
  ];
}

const suite = present ? describe : describe.skip;
suite(
  present ? 'pabutools unit cases (golden)' : '../shared/pabulib not found beside the repo: skipping pabutools golden cases',
  () => {
    const data = present ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as { elections: Election[] }) : { elections: [] };
    for (const e of data.elections) {
      for (const [rule, acceptable] of Object.entries(e.expected_irresolute)) {
        const result = ours(e, rule);
        if (result === null) continue;
        it(`${e.name}: ${rule} is one of the tied outcomes`, () => {
          const sorted = [...result].sort(compareIds);
          const options = acceptable.map((o) => JSON.stringify([...o].sort(compareIds)));
          expect(options).toContain(JSON.stringify(sorted));
        });
      }
    }
  },
);
