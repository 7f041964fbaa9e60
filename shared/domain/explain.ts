/**
 * "Why in / why out": one card per project, in plain Thai and English, that says what the rule saw when it
 * decided (rank, step, money left, the constraint that bound, for MES the supporters and their shares). The
 * text is meant to be pasted into meeting minutes, so it restates the facts rather than pointing at a screen.
 */
import { formatBaht } from './money';
import type { Decision } from './allocation/types';

export type RuleKind = 'greedy' | 'optimum' | 'mes';

export type Named = Readonly<{ th: string; en: string }>;

export type ExplainInput = Readonly<{
  rule: RuleKind;
  decision: Decision;
  project: Readonly<{ code: string; title: string; rank: number; composite: number; requested: number; locked: boolean }>;
  budget: number;
  /** 1-based position in the reserve list (Y2), null when funded. */
  reservePosition: number | null;
  /** Names of constraints by id ('district:1901', 'floor:1901', 'strategyCap:S1', …). */
  constraintNames: Readonly<Record<string, Named>>;
  /**
   * For the optimum: the objective per million baht of this project and the average over funded projects, the
   * intuition behind a knapsack choice ("other projects give more for the same money").
   */
  valuePerMillion?: Readonly<{ objective: 'score' | 'people'; project: number; fundedAverage: number }>;
}>;

export type WhyCard = Readonly<{ funded: boolean; th: string; en: string }>;

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);

function baht(satang: number, lang: 'th' | 'en'): string {
  return `${formatBaht(satang)} ${lang === 'th' ? 'บาท' : 'baht'}`;
}

/**
 * Builds the card for one decision.
 * @example explainDecision({ rule: 'greedy', decision: { projectId: '7', funded: 0, reason: 'skipped_no_money', step: 9,
 *   remainingBefore: 100_00, detail: { needed: 500_00, available: 100_00 } }, project: { code: 'P7', title: 'ถนน', rank: 9,
 *   composite: 61.2, requested: 500_00, locked: false }, budget: 1000_00, reservePosition: 1, constraintNames: {} }).en
 * // 'P7 ถนน (rank 9, composite 61.20) was not funded: at step 9 only 100.00 baht was left, less than the 500.00 baht requested. …'
 */
export function explainDecision(input: ExplainInput): WhyCard {
  const { decision: d, project: p } = input;
  const funded = d.funded > 0;
  const head = {
    th: `${p.code} ${p.title} (ลำดับที่ ${p.rank} คะแนนรวม ${p.composite.toFixed(2)})`,
    en: `${p.code} ${p.title} (rank ${p.rank}, composite ${p.composite.toFixed(2)})`,
  };
  const reserve = input.reservePosition
    ? {
        th: ` อยู่ในบัญชีสำรอง (Y2) ลำดับที่ ${input.reservePosition} หากมีเงินเหลือจ่ายหรือได้รับงบเพิ่มจะได้รับการพิจารณาตามลำดับ`,
        en: ` It is number ${input.reservePosition} on the reserve list (Y2) for money that comes free later.`,
      }
    : { th: '', en: '' };
  const name = (id: string | null): Named =>
    (id && input.constraintNames[id]) || { th: id ?? 'เงื่อนไข', en: id ?? 'a constraint' };
  const detail = d.detail ?? {};

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

  if (input.rule === 'greedy') {
    if (funded) {
      return {
        funded,
        th: `${head.th} ได้รับจัดสรร ${baht(d.funded, 'th')} ในขั้นที่ ${d.step} ของการจัดสรรตามลำดับคะแนน ขณะนั้นมีเงินคงเหลือ ${baht(d.remainingBefore, 'th')} เพียงพอต่อวงเงินที่ขอ`,
        en: `${head.en} was funded ${baht(d.funded, 'en')} at step ${d.step} of funding in rank order; ${baht(d.remainingBefore, 'en')} was left at its turn, enough for the request.`,
      };
    }
    const available = num(detail.available) ?? d.remainingBefore;
    if (d.reason === 'skipped_district_envelope' || d.reason === 'skipped_strategy_envelope') {
      const c = name(str(detail.constraint));
      return {
        funded,
        th: `${head.th} ไม่ได้รับจัดสรร: ถึงลำดับของโครงการ (ขั้นที่ ${d.step}) ${c.th} เหลือ ${baht(available, 'th')} น้อยกว่าวงเงินที่ขอ ${baht(p.requested, 'th')}${reserve.th}`,
        en: `${head.en} was not funded: at its turn (step ${d.step}) the ${c.en} had ${baht(available, 'en')} left, less than the ${baht(p.requested, 'en')} requested.${reserve.en}`,
      };
    }
    return {
      funded,
      th: `${head.th} ไม่ได้รับจัดสรร: ถึงลำดับของโครงการ (ขั้นที่ ${d.step}) เหลือเงิน ${baht(available, 'th')} น้อยกว่าวงเงินที่ขอ ${baht(p.requested, 'th')} จึงข้ามไปพิจารณาโครงการถัดไป${reserve.th}`,
      en: `${head.en} was not funded: at step ${d.step} only ${baht(available, 'en')} was left, less than the ${baht(p.requested, 'en')} requested, so the rule moved on.${reserve.en}`,
    };
  }

  if (input.rule === 'optimum') {
    if (detail.infeasible) {
      return {
        funded,
        th: `${head.th} ยังไม่มีผล: เงื่อนไขที่กำหนดขัดแย้งกันจนไม่มีแผนใดทำได้ กรุณาปรับเงื่อนไขที่ระบุ`,
        en: `${head.en} has no result: the constraints conflict, so no plan satisfies them all. Relax one of the named constraints.`,
      };
    }
    if (funded) {
      const partial = d.funded < p.requested;
      return {
        funded,
        th: `${head.th} ได้รับจัดสรร ${baht(d.funded, 'th')}${partial ? ` (บางส่วน จากที่ขอ ${baht(p.requested, 'th')})` : ''} เพราะอยู่ในชุดโครงการที่ให้ผลรวมสูงสุดภายใต้วงเงินและเงื่อนไขทั้งหมด`,
        en: `${head.en} is funded ${baht(d.funded, 'en')}${partial ? ` (partly, of ${baht(p.requested, 'en')} requested)` : ''} because it belongs to the set of projects with the highest total under the ceiling and every constraint.`,
      };
    }
    const c = str(detail.constraint);
    const bound = c ? name(c) : null;
    const v = input.valuePerMillion;
    if (v && (c === null || c === 'ceiling') && v.project < v.fundedAverage) {
      const unitTh = v.objective === 'score' ? 'คะแนน' : 'คน';
      const unitEn = v.objective === 'score' ? 'points' : 'people';
      return {
        funded,
        th: `${head.th} ไม่ได้รับจัดสรร: ด้วยวงเงินที่จำกัด ชุดโครงการอื่นให้ผลรวมสูงกว่า โครงการนี้ได้ ${v.project.toFixed(2)} ${unitTh}ต่อเงิน 1 ล้านบาท ขณะที่โครงการที่ได้รับงบได้เฉลี่ย ${v.fundedAverage.toFixed(2)} ${unitTh}ต่อ 1 ล้านบาท${reserve.th}`,
        en: `${head.en} was not funded: with the money limited, other projects give a higher total. It yields ${v.project.toFixed(2)} ${unitEn} per million baht; the funded projects yield ${v.fundedAverage.toFixed(2)} on average.${reserve.en}`,
      };
    }
    return {
      funded,
      th: `${head.th} ไม่ได้รับจัดสรร: ${bound ? `เงื่อนไขที่จำกัดคือ ${bound.th}` : 'ชุดโครงการอื่นให้ผลรวมสูงกว่าภายใต้วงเงินเดียวกัน'}${reserve.th}`,
      en: `${head.en} was not funded: ${bound ? `the binding constraint is the ${bound.en}` : 'other projects give a higher total for the same money'}.${reserve.en}`,
    };
  }

  // MES
  if (funded) {
    if (detail.rule === 'greedy_completion') {
      return {
        funded,
        th: `${head.th} ได้รับจัดสรร ${baht(d.funded, 'th')} ในขั้นเติมเต็มงบ (greedy) หลังวิธีแบ่งส่วนเท่ากันใช้ส่วนแบ่งของประชาชนหมดแล้ว`,
        en: `${head.en} was funded ${baht(d.funded, 'en')} in the greedy completion after the equal-shares rounds used up people's shares.`,
      };
    }
    const supporters = num(detail.supporters) ?? 0;
    const pay = num(detail.paymentPerVoter) ?? 0;
    const share = num(detail.perVoterBudget) ?? 0;
    return {
      funded,
      th: `${head.th} ได้รับจัดสรร ${baht(d.funded, 'th')} (ขั้นที่ ${d.step}) ตามวิธีแบ่งส่วนเท่ากัน (MES): ประชาชน ${supporters.toLocaleString('th-TH')} คนที่ยื่นความต้องการซึ่งโครงการนี้ตอบสนอง ร่วมจ่ายจากส่วนแบ่งของตน คนละไม่เกิน ${baht(Math.ceil(pay), 'th')} (ส่วนแบ่งต่อคน ${baht(Math.floor(share), 'th')})`,
      en: `${head.en} was funded ${baht(d.funded, 'en')} (step ${d.step}) by the Method of Equal Shares: the ${supporters.toLocaleString('en-US')} people whose needs it answers paid from their equal shares, at most ${baht(Math.ceil(pay), 'en')} each (share per person ${baht(Math.floor(share), 'en')}).`,
    };
  }
  if (detail.status === 'no_support') {
    return {
      funded,
      th: `${head.th} ไม่ได้รับจัดสรร: ไม่มีความต้องการของประชาชนที่เชื่อมโยงกับโครงการนี้ จึงไม่มีผู้สนับสนุนในวิธีแบ่งส่วนเท่ากัน${reserve.th}`,
      en: `${head.en} was not funded: no citizen need links to it, so it has no supporters under equal shares.${reserve.en}`,
    };
  }
  const supporters = num(detail.supporters) ?? 0;
  const money = num(detail.supportersMoney) ?? 0;
  return {
    funded,
    th: `${head.th} ไม่ได้รับจัดสรร: ผู้สนับสนุน ${supporters.toLocaleString('th-TH')} คนมีส่วนแบ่งคงเหลือรวม ${baht(Math.floor(money), 'th')} น้อยกว่าค่าใช้จ่าย ${baht(p.requested, 'th')}${reserve.th}`,
    en: `${head.en} was not funded: its ${supporters.toLocaleString('en-US')} supporters had ${baht(Math.floor(money), 'en')} of their shares left, less than the ${baht(p.requested, 'en')} it costs.${reserve.en}`,
  };
}
