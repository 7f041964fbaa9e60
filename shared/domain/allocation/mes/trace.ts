/** Why-in / why-out figures of the returned MES run, for the explanation cards. */
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
    cost: 0,
    supporters: c.supportWeight[p]!,
    paidFullShare: 0,
    paidAllRemaining: 0,
    alreadyEmpty: 0,
    supportersMoneyBefore: 0,
  }));
  r.sels.forEach((s, i) => {
    const q = r.exactSelQ(i);
    let emptiedW = 0;
    for (const g of s.emptied) emptiedW += c.groupWeight[g]!;
    out.push({
      projectId: c.ids[s.p]!,
      round: i + 1,
      rho: Q.div(q, c.utilities[s.p]!),
      payment: Q.toNumber(q),
      cost: c.costFloat[s.p]!,
      supporters: c.supportWeight[s.p]!,
      paidFullShare: s.wRich,
      paidAllRemaining: emptiedW,
      alreadyEmpty: s.alreadyEmpty,
      supportersMoneyBefore: s.moneyBefore,
    });
  });
  return out;
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
