import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import loadHighs from 'highs';
import { z } from 'zod';
import { DEFAULT_PARAMS, scenarioParamsPatchSchema, scenarioParamsSchema } from '../../../api/scenario';
import type { LpSolver } from '../optimum';
import type { AllocationProject } from '../types';
import { isRuleKind, RULE_PARAM_DEFAULTS, RULE_PARAM_FIELDS, RULE_REGISTRY, RULES, ruleLabels, ruleSummaries } from '.';
import { defineRule, type RuleRunInput } from './rule';

let solver: LpSolver;
beforeAll(async () => {
  const highs = await loadHighs();
  solver = async (lp) => highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, time_limit: 60 });
});

const thai = /[\u0E00-\u0E7F]/u;

describe('the rule registry', () => {
  it('derives the rule kinds, labels and one-line explanations from one object', () => {
    expect(RULES).toEqual(Object.keys(RULE_REGISTRY));
    expect(RULES).toEqual(['greedy', 'optimum', 'mes']);
    for (const kind of RULES) {
      const rule = RULE_REGISTRY[kind];
      expect(rule.label.th).toMatch(thai);
      expect(rule.summary.th).toMatch(thai);
      expect(rule.label.en).not.toMatch(thai);
      expect(rule.summary.en.length).toBeGreaterThan(20);
      expect(ruleLabels('th')[kind]).toBe(rule.label.th);
      expect(ruleSummaries('en')[kind]).toBe(rule.summary.en);
      expect(isRuleKind(kind)).toBe(true);
    }
    expect(isRuleKind('approval_vote')).toBe(false);
    expect(isRuleKind('toString')).toBe(false);
  });

  it('each rule’s defaults read with its own fields, and the stored parameters are the ceiling plus every rule’s', () => {
    for (const kind of RULES) {
      const { fields, defaults } = RULE_REGISTRY[kind].params;
      expect(z.object(fields).strict().parse(defaults)).toEqual(defaults);
    }
    expect(Object.keys(DEFAULT_PARAMS).sort()).toEqual(['ceiling', ...Object.keys(RULE_PARAM_FIELDS)].sort());
    expect(DEFAULT_PARAMS).toEqual({ ceiling: null, ...RULE_PARAM_DEFAULTS });
    // An old scenario missing a field reads with its default; a patch fills in nothing.
    expect(scenarioParamsSchema.parse({ completion: 'none' })).toEqual({ ...DEFAULT_PARAMS, completion: 'none' });
    expect(scenarioParamsPatchSchema.parse({ completion: 'none' })).toEqual({ completion: 'none' });
    expect(scenarioParamsSchema.safeParse({ notAField: 1 }).success).toBe(false);
    expect(scenarioParamsSchema.safeParse({ voterUnit: 'villages' }).success).toBe(false);
  });

  it('every rule stays within the budget, pays locks in full or has no plan, and decides every project once (property)', async () => {
    const project = fc.record({
      cost: fc.integer({ min: 1, max: 500_000 }),
      minShare: fc.integer({ min: 1, max: 100 }),
      score: fc.integer({ min: 0, max: 100 }),
      district: fc.constantFrom('1901', '1902'),
      strategy: fc.constantFrom('S1', 'S2'),
      people: fc.integer({ min: 0, max: 50 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(project, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.array(fc.array(fc.nat(7), { maxLength: 3 }), { maxLength: 12 }),
        fc.option(fc.nat(7), { nil: undefined }),
        fc.constantFrom(...RULES),
        async (drafts, budget, needLinks, lockAt, kind) => {
          const projects: AllocationProject[] = drafts.map((p, i) => ({
            id: String(i + 1),
            cost: p.cost,
            minCost: Math.max(1, Math.floor((p.cost * p.minShare) / 100)),
            score: p.score,
            district: p.district,
            strategy: p.strategy,
            peopleReached: p.people,
          }));
          const locked = lockAt !== undefined && lockAt < projects.length ? projects[lockAt]! : null;
          // A lock may take more than the budget: then no rule may pay it (a plan over the ceiling), each says so.
          const locks = locked ? { [locked.id]: locked.cost } : {};
          const input: RuleRunInput<Readonly<Record<string, unknown>>> = {
            projects,
            budget,
            locks,
            params: DEFAULT_PARAMS,
            needs: needLinks.map((links, i) => ({
              people: 1 + (i % 3),
              households: 1,
              projectIds: links.filter((l) => l < projects.length).map((l) => String(l + 1)),
            })),
            names: {},
            solver,
          };
          const { outcome, infeasible, conflict } = await RULE_REGISTRY[kind].run(input);
          expect(outcome.totalFunded).toBeLessThanOrEqual(budget);
          if (locked && locked.cost > budget) {
            expect(infeasible).toBe(true);
            expect(conflict?.map((g) => g.id)).toEqual(['ceiling', `lock:${locked.id}`]);
          }
          if (infeasible) return;
          expect(outcome.totalFunded).toBeLessThanOrEqual(budget);
          expect(outcome.totalFunded).toBe(Object.values(outcome.funded).reduce((a, b) => a + b, 0));
          for (const [id, amount] of Object.entries(locks)) expect(outcome.funded[id]).toBe(amount);
          const decided = outcome.decisions.map((d) => d.projectId).sort();
          expect(decided).toEqual(projects.map((p) => p.id).sort());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a rule reads only its own parameters, with defaults, and refuses a detail it did not write', async () => {
    const seen: unknown[] = [];
    const probe = defineRule({
      label: { th: 'ทดสอบ', en: 'Probe' },
      summary: { th: 'ทดสอบ', en: 'Probe' },
      params: { fields: { depth: z.number().int().min(1) }, defaults: { depth: 3 } },
      run: ({ params, budget }) => {
        seen.push(params);
        return {
          outcome: { rule: 'probe', funded: {}, totalFunded: 0, budget, remaining: budget, decisions: [], reserve: [] },
        };
      },
      detail: z.object({ why: z.string().optional() }),
      explain: (_card, detail) => ({ th: detail.why ?? '-', en: detail.why ?? '-' }),
    });
    const base = { projects: [], budget: 5, locks: {}, needs: [], names: {}, solver };
    await probe.run({ ...base, params: { ...DEFAULT_PARAMS } });
    await probe.run({ ...base, params: { depth: 9, completion: 'none' } });
    expect(seen).toEqual([{ depth: 3 }, { depth: 9 }]);
    await expect(probe.run({ ...base, params: { depth: 0 } })).rejects.toThrow();
    const card = {
      project: { code: 'P', title: 'T', rank: 1, composite: 1, requested: 1, locked: false },
      funded: false,
      head: { th: '', en: '' },
      reserve: { th: '', en: '' },
      constraint: () => ({ th: '', en: '' }),
      run: {
        projects: [],
        outcome: { rule: 'probe', funded: {}, totalFunded: 0, budget: 0, remaining: 0, decisions: [], reserve: [] },
      },
      params: {},
    };
    const decision = { projectId: '1', funded: 0, reason: 'not_selected' as const, step: 1, remainingBefore: 0 };
    expect(probe.explain({ ...card, decision: { ...decision, detail: { why: 'ไม่มีเงิน' } } }).th).toBe('ไม่มีเงิน');
    expect(probe.explain({ ...card, decision }).en).toBe('-');
    expect(() => probe.explain({ ...card, decision: { ...decision, detail: { why: 7 } } })).toThrow();
  });
});
