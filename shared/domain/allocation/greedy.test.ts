import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { greedyAllocate } from './greedy';
import type { AllocationProject } from './types';

const projectsArb = fc
  .uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      cost: fc.integer({ min: 0, max: 1_000_000 }),
      score: fc.double({ min: 0, max: 100, noNaN: true }),
      district: fc.constantFrom('1901', '1902', '1903'),
      strategy: fc.constantFrom('S1', 'S2'),
    }),
    { selector: (p) => p.id, maxLength: 25 },
  )
  .map((ps): AllocationProject[] => ps);

const inputArb = projectsArb.chain((projects) =>
  fc.record({
    projects: fc.constant(projects),
    budget: fc.integer({ min: 0, max: 5_000_000 }),
    districtEnvelopes: fc.option(fc.dictionary(fc.constantFrom('1901', '1902'), fc.integer({ min: 0, max: 3_000_000 })), {
      nil: undefined,
    }),
    strategyEnvelopes: fc.option(fc.dictionary(fc.constantFrom('S1'), fc.integer({ min: 0, max: 3_000_000 })), {
      nil: undefined,
    }),
    excluded: fc.subarray(projects.map((p) => p.id)),
  }),
);

describe('greedyAllocate', () => {
  it('funds down the ranking and skips what does not fit', () => {
    const out = greedyAllocate({
      budget: 100_00,
      projects: [
        { id: 'A', cost: 70_00, score: 9 },
        { id: 'B', cost: 50_00, score: 8 },
        { id: 'C', cost: 30_00, score: 7 },
      ],
    });
    expect(out.funded).toEqual({ A: 7000, C: 3000 });
    expect(out.reserve).toEqual(['B']);
    expect(out.decisions.map((d) => [d.projectId, d.reason, d.step, d.remainingBefore])).toEqual([
      ['A', 'funded', 1, 10000],
      ['B', 'skipped_no_money', 2, 3000],
      ['C', 'funded', 3, 3000],
    ]);
  });

  it('honours locks first and names the binding envelope', () => {
    const out = greedyAllocate({
      budget: 1000,
      projects: [
        { id: 'A', cost: 400, score: 3, district: 'd1' },
        { id: 'B', cost: 300, score: 2, district: 'd1', strategy: 's' },
        { id: 'C', cost: 200, score: 1, strategy: 's' },
      ],
      districtEnvelopes: { d1: 500 },
      strategyEnvelopes: { s: 100 },
      locks: { C: 150 },
    });
    expect(out.decisions[0]).toMatchObject({ projectId: 'C', reason: 'locked', funded: 150, step: 0 });
    expect(out.decisions.find((d) => d.projectId === 'B')?.reason).toBe('skipped_district_envelope');
    expect(out.funded).toEqual({ C: 150, A: 400 });
  });

  it('never exceeds the budget or an envelope; funded + reserve + excluded is a partition; deterministic', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const out = greedyAllocate(input);
        const total = Object.values(out.funded).reduce((a, b) => a + b, 0);
        expect(total).toBe(out.totalFunded);
        expect(total).toBeLessThanOrEqual(input.budget);
        expect(out.remaining).toBe(input.budget - total);
        for (const [env, key] of [
          [input.districtEnvelopes, 'district'],
          [input.strategyEnvelopes, 'strategy'],
        ] as const) {
          for (const [code, ceiling] of Object.entries(env ?? {})) {
            const used = input.projects
              .filter((p) => p[key] === code && Object.hasOwn(out.funded, p.id))
              .reduce((a, p) => a + p.cost, 0);
            expect(used).toBeLessThanOrEqual(ceiling);
          }
        }
        const excluded = new Set(input.excluded);
        const funded = Object.keys(out.funded);
        const all = [...funded, ...out.reserve, ...excluded].sort();
        expect(all).toEqual(input.projects.map((p) => p.id).sort());
        expect(out.reserve).toEqual(
          input.projects.filter((p) => !Object.hasOwn(out.funded, p.id) && !excluded.has(p.id)).map((p) => p.id),
        );
        expect(out.decisions).toHaveLength(input.projects.length);
        expect(greedyAllocate(input)).toEqual(out);
      }),
    );
  });

  it('rejects non-integer money', () => {
    expect(() => greedyAllocate({ budget: 1.5, projects: [] })).toThrow(RangeError);
  });
});
