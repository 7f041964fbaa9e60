/**
 * "Why in / why out": one card per project, in plain Thai and English, that says what the rule saw when it
 * decided (rank, step, money left, the constraint that bound, for MES the supporters and their shares). The
 * text is meant to be pasted into meeting minutes, so it restates the facts rather than pointing at a screen.
 * What is the same for every rule (locked, excluded, the card's head and the reserve list) is here; the rest is the
 * rule's own `explain` in shared/domain/allocation/rules/.
 */
import { RULE_REGISTRY, type RuleKind } from './allocation/rules';
import { baht, type CardProject, type Named } from './allocation/rules/rule';
import type { AllocationOutcome, AllocationProject, Decision } from './allocation/types';

export type { Named } from './allocation/rules/rule';

export type ExplainInput = Readonly<{
  rule: RuleKind;
  decision: Decision;
  project: CardProject;
  budget: number;
  /** 1-based position in the reserve list (Y2), null when funded. */
  reservePosition: number | null;
  /** Names of constraints by id ('district:1901', 'floor:1901', 'strategyCap:S1', …). */
  constraintNames: Readonly<Record<string, Named>>;
  /** The run the decision belongs to (the projects as the rule saw them, its outcome) and the scenario's parameters. */
  run: Readonly<{ projects: readonly AllocationProject[]; outcome: AllocationOutcome }>;
  params: Readonly<Record<string, unknown>>;
}>;

export type WhyCard = Readonly<{ funded: boolean; th: string; en: string }>;

/**
 * Builds the card for one decision.
 * @example explainDecision({ rule: 'greedy', decision: { projectId: '7', funded: 0, reason: 'skipped_no_money', step: 9,
 *   remainingBefore: 100_00, detail: { needed: 500_00, available: 100_00 } }, project: { code: 'P7', title: 'ถนน', rank: 9,
 *   composite: 61.2, requested: 500_00, locked: false }, budget: 1000_00, reservePosition: 1, constraintNames: {},
 *   run, params: {} }).en
 * // 'P7 ถนน (rank 9, composite 61.20) was not funded: at step 9 only 100.00 baht was left, less than the 500.00 baht requested. …'
 */
export function explainDecision(input: ExplainInput): WhyCard {
  const { decision: d, project: p } = input;
  const funded = d.funded > 0;
  const head = {
    th: `${p.code} ${p.title} (ลำดับที่ ${p.rank} คะแนนรวม ${p.composite.toFixed(2)})`,
    en: `${p.code} ${p.title} (rank ${p.rank}, composite ${p.composite.toFixed(2)})`,
  };
  // A run with no plan (constraints or locks that cannot all hold): no project's outcome means anything yet, a locked
  // one's included (it is not paid its lock).
  if (d.detail?.['infeasible'] === true) {
    return {
      funded,
      th: `${head.th} ยังไม่มีผล: เงื่อนไขที่กำหนดขัดแย้งกันจนไม่มีแผนใดทำได้ กรุณาปรับเงื่อนไขที่ระบุ`,
      en: `${head.en} has no result: the constraints conflict, so no plan satisfies them all. Relax one of the named constraints.`,
    };
  }
  if (p.locked || d.reason === 'locked') {
    return {
      funded,
      th: `${head.th} ได้รับ ${baht(d.funded, 'th')} เพราะคณะกรรมการล็อกวงเงินไว้ (จัดสรรก่อนใช้กติกา)`,
      en: `${head.en} receives ${baht(d.funded, 'en')} because the committee locked that amount (allocated before the rule ran).`,
    };
  }
  if (d.reason === 'excluded') {
    return { funded, th: `${head.th} ไม่อยู่ในการพิจารณาของสถานการณ์นี้`, en: `${head.en} is excluded from this scenario.` };
  }
  const reserve = input.reservePosition
    ? {
        th: ` อยู่ในบัญชีสำรอง (Y2) ลำดับที่ ${input.reservePosition} หากมีเงินเหลือจ่ายหรือได้รับงบเพิ่มจะได้รับการพิจารณาตามลำดับ`,
        en: ` It is number ${input.reservePosition} on the reserve list (Y2) for money that comes free later.`,
      }
    : { th: '', en: '' };
  const constraint = (id: string | null): Named =>
    (id && input.constraintNames[id]) || { th: id ?? 'เงื่อนไข', en: id ?? 'a constraint' };
  const card = RULE_REGISTRY[input.rule].explain({
    decision: d,
    project: p,
    funded,
    head,
    reserve,
    constraint,
    run: input.run,
    params: input.params,
  });
  return { funded, ...card };
}
