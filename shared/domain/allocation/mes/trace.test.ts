import { describe, it, expect } from 'vitest';
import * as Q from '../rational';
import { compileElection } from './election';
import { MesRun } from './run';
import { buildTrace, paymentCeil } from './trace';

/** 7 voters, 3 projects: P1 (cost 2,100) is paid 300 by each of the 7 (a whole share), P3 1,000 / 3 by each of 3. */
function run(costP1 = Q.fromInt(2_100)): MesRun {
  const c = compileElection({
    projects: [
      { id: 'P1', cost: costP1 },
      { id: 'P2', cost: Q.fromInt(1_000) },
      { id: 'P3', cost: Q.fromInt(1_000) },
    ],
    ballots: [
      { weight: 4, approves: ['P1', 'P2'] },
      { weight: 3, approves: ['P1', 'P3'] },
    ],
    budget: Q.fromInt(7_000),
    utility: 'cost',
    completion: 'none',
  });
  const r = new MesRun(c, Q.fromInt(1_000));
  r.run();
  return r;
}

describe('why-in figures', () => {
  it('the exact share and rho are computed when read; the whole-unit share from the float share where it decides', () => {
    const r = run();
    const trace = buildTrace(r);
    expect(trace.map((t) => t.projectId)).toEqual(['P1', 'P2', 'P3']);
    // 333.33.. is far from a whole unit: rounded up without the exact share.
    expect(trace[2]!.paymentCeil).toBe(334);
    expect(r.sels[2]!.q).toBeNull();
    expect(Q.eq(trace[2]!.rho, Q.make(1n, 3n))).toBe(true);
    expect(trace[2]!.payment).toBe(1_000 / 3);
    expect(Q.eq(trace[0]!.rho, Q.make(300n, 2_100n))).toBe(true);
    expect(trace[0]!.paymentCeil).toBe(300);
    // Copied as plain data (between processes, by the structured clone), the figures are read.
    expect(structuredClone(trace[1])).toMatchObject({ projectId: 'P2', payment: 250, paymentCeil: 250 });
  });

  it('a float share a hair off a whole unit, within its margin, is rounded up from the exact share', () => {
    // As floating point may leave it: the exact share is 300, the float share a hair above or below, within the margin.
    for (const off of [1e-12, -1e-12]) {
      const r = run();
      const sel = r.sels[0]!;
      expect(sel.q).toBeNull();
      sel.qf = 300 * (1 + off);
      expect(sel.qTol).toBeGreaterThan(300 * 1e-12);
      expect(paymentCeil(r, 0)).toBe(300);
    }
    // An exact share a ten-millionth above 300, closer to it than the float share's margin: 301.
    const r = run(Q.make(2_100_000_001n, 1_000_000n));
    expect(r.sels[0]!.qTol).toBeGreaterThan(1e-6);
    expect(paymentCeil(r, 0)).toBe(301);
    expect(r.sels[0]!.q).not.toBeNull();
  });
});
