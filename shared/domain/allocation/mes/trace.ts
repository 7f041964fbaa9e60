/** Why-in / why-out figures of the returned MES run, for the explanation cards. */
import type { Rational } from '../rational';
import * as Q from '../rational';
import type { MesSelectionTrace, MesUnselectedTrace } from './types';
import type { MesRun } from './run';

export function buildTrace(r: MesRun): MesSelectionTrace[] {
  const c = r.c;
  const out: MesSelectionTrace[] = c.upfront.map((p) => ({
    projectId: c.ids[p]!,
    round: 0,
    rho: Q.ZERO,
    payment: 0,
    paymentCeil: 0,
    cost: 0,
    supporters: c.supportWeight[p]!,
    paidFullShare: 0,
    paidAllRemaining: 0,
    alreadyEmpty: 0,
    supportersMoneyBefore: 0,
  }));
  r.sels.forEach((s, i) => {
    let emptiedW = 0;
    for (const g of s.emptied) emptiedW += c.groupWeight[g]!;
    const u = c.utilities[s.p]!;
    // The exact share and rho are computed when read (bigint sums over the payments of earlier selections, a fifth
    // of a million needs' run when computed for every selection); the whole-unit share the why-in card shows is
    // decided by the float share where its margin allows.
    const entry = {
      projectId: c.ids[s.p]!,
      round: i + 1,
      paymentCeil: paymentCeil(r, i),
      cost: c.costFloat[s.p]!,
      supporters: c.supportWeight[s.p]!,
      paidFullShare: s.wRich,
      paidAllRemaining: emptiedW,
      alreadyEmpty: s.alreadyEmpty,
      supportersMoneyBefore: s.moneyBefore,
    };
    out.push(
      Object.defineProperties(entry, {
        rho: { enumerable: true, get: (): Rational => Q.div(r.exactSelQ(i), u) },
        payment: { enumerable: true, get: (): number => Q.toNumber(r.exactSelQ(i)) },
      }) as typeof entry & { readonly rho: Rational; readonly payment: number },
    );
  });
  return out;
}

/**
 * The least whole unit at or above the exact full share of the run's selection i: from its float share when the
 * share's margin lies within one unit step, else from the exact share.
 */
export function paymentCeil(r: MesRun, i: number): number {
  const s = r.sels[i]!;
  if (!s.q) {
    const lo = Math.ceil(s.qf - s.qTol);
    if (lo === Math.ceil(s.qf + s.qTol)) return lo;
  }
  return Number(Q.ceil(r.exactSelQ(i)));
}

export function buildUnselected(r: MesRun, selected: ReadonlySet<number>): MesUnselectedTrace[] {
  const c = r.c;
  const candidate = new Set(c.candidates);
  const out: MesUnselectedTrace[] = [];
  c.ids.forEach((id, p) => {
    if (selected.has(p)) return;
    let money = 0;
    for (const g of c.supporters[p]!) money += r.budget(g) * c.groupWeight[g]!;
    out.push({
      projectId: id,
      cost: c.costFloat[p]!,
      supporters: c.supportWeight[p]!,
      supportersMoney: money,
      status: candidate.has(p) ? 'unaffordable' : 'no_support',
    });
  });
  return out;
}
