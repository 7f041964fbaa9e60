import { describe, expect, it } from 'vitest';
import { createHighsSolver, highsSolver, loadHighs } from './highs';
import { optimize } from '../../../shared/domain/allocation/optimum';

const KNAPSACK = [
  'Maximize',
  ' obj: + 10 x0 + 7 x1 + 7 x2',
  'Subject To',
  ' c0: + 600 x0 + 500 x1 + 500 x2',
  '  <= 1000',
  'Binary',
  ' x0 x1 x2',
  'End',
].join('\n');

describe('HiGHS adapter (real wasm)', () => {
  it('loads the runtime once', async () => {
    const a = loadHighs();
    const b = loadHighs();
    expect(a).toBe(b);
    expect(await a).toBe(await b);
  });

  it('solves a binary knapsack to proven optimality', async () => {
    const sol = await highsSolver(KNAPSACK);
    expect(sol.Status).toBe('Optimal');
    expect(sol.Columns.x0?.Primal).toBe(0);
    expect(sol.Columns.x1?.Primal).toBe(1);
    expect(sol.Columns.x2?.Primal).toBe(1);
  });

  it('honours General integers and Bounds', async () => {
    const lp = [
      'Maximize',
      ' obj: + 1 x + 1 y',
      'Subject To',
      ' c: + 1 x + 1 y <= 2.5',
      'Bounds',
      ' 0 <= x <= 10',
      ' 0 <= y <= 0.25',
      'General',
      ' x',
      'End',
    ].join('\n');
    const sol = await highsSolver(lp);
    expect(sol.Status).toBe('Optimal');
    expect(Number.isInteger(sol.Columns.x?.Primal)).toBe(true);
    expect((sol.Columns.x?.Primal ?? 0) + (sol.Columns.y?.Primal ?? 0)).toBeCloseTo(2.25, 9);
  });

  it('reports infeasibility as a status, not an exception', async () => {
    const lp = ['Maximize', ' obj: + 1 x0', 'Subject To', ' c0: + 6 x0 <= 5', ' c1: + 1 x0 >= 1', 'Binary', ' x0', 'End'].join(
      '\n',
    );
    const sol = await highsSolver(lp);
    expect(sol.Status).toBe('Infeasible');
  });

  it('throws on malformed LP text and recovers with a fresh runtime', async () => {
    const solve = createHighsSolver();
    await expect(solve('Maximize\n obj: x +\nSubject To\n c: x <=\nEnd')).rejects.toThrow();
    const sol = await solve(KNAPSACK);
    expect(sol.Status).toBe('Optimal');
  });

  it('passes solve options through (a zero time limit stops the solve)', async () => {
    const solve = createHighsSolver({ solve: { time_limit: 0 } });
    const sol = await solve(KNAPSACK);
    expect(sol.Status).toBe('Time limit reached');
  });

  it('drives the optimum rule end to end', async () => {
    const out = await optimize(
      {
        projects: [
          { id: 'A', cost: 600, score: 10 },
          { id: 'B', cost: 500, score: 7 },
          { id: 'C', cost: 500, score: 7 },
        ],
        budget: 1000,
        objective: 'score',
      },
      highsSolver,
    );
    expect(out.funded).toEqual({ B: 500, C: 500 });
  });
});
