import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mesAllocate } from './mes';
import { mesWithLocks } from './mes-with-locks';

describe('mesWithLocks', () => {
  it('pays locks first and shares out the rest with MES', () => {
    const out = mesWithLocks({
      budget: 100_00,
      completion: 'add1',
      locks: { P2: 30_00 },
      projects: [
        { id: 'P1', cost: 60_00, score: 1 },
        { id: 'P2', cost: 60_00, score: 1 },
        { id: 'P3', cost: 20_00, score: 1 },
      ],
      voters: [
        { weight: 2, approves: ['P1'] },
        { weight: 1, approves: ['P2', 'P3'] },
      ],
    });
    // 70 baht left for MES: 23.33 a voter; the lone P3 voter buys P3, then P1 (60) no longer fits in the 50 left.
    expect(out.funded).toEqual({ P2: 30_00, P3: 20_00 });
    expect(out.totalFunded).toBe(50_00);
    expect(out.remaining).toBe(50_00);
    expect(out.decisions[0]).toMatchObject({ projectId: 'P2', reason: 'locked', step: 0, funded: 30_00 });
    expect(out.decisions.filter((d) => d.projectId === 'P2')).toHaveLength(1);
  });

  it('locked amounts stay, MES spends at most what they leave, and no locks is plain MES (property)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const arb = fc.record({
      costs: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 5, maxLength: 5 }),
      voters: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 9 }), approves: fc.subarray(ids) }), { maxLength: 6 }),
      locked: fc.subarray(ids, { maxLength: 3 }),
      budget: fc.integer({ min: 0, max: 150 }),
    });
    fc.assert(
      fc.property(arb, ({ costs, voters, locked, budget }) => {
        const projects = ids.map((id, i) => ({ id, cost: costs[i]! * 100, score: 1 }));
        const locks = Object.fromEntries(locked.map((id, i) => [id, i * 100]));
        const input = { projects, budget: budget * 100, voters, completion: 'add1' as const };
        const out = mesWithLocks({ ...input, locks });
        const lockedTotal = Object.values(locks).reduce((s, v) => s + v, 0);
        for (const [id, amount] of Object.entries(locks)) expect(out.funded[id] ?? 0).toBe(amount);
        const mesSpent = out.totalFunded - lockedTotal;
        expect(mesSpent).toBeLessThanOrEqual(Math.max(0, input.budget - lockedTotal));
        expect(Object.values(out.funded).reduce((s, v) => s + v, 0)).toBe(out.totalFunded);
        expect(out.decisions.map((d) => d.projectId).sort()).toEqual([...ids].sort());
        if (locked.length === 0) expect(mesWithLocks({ ...input, locks: {} })).toEqual(mesAllocate(input));
      }),
      { numRuns: 150 },
    );
  });
});
