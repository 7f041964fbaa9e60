/** Rule "greedy": fund projects in rank order while the money (and the district and strategy envelopes) last. */
import { z } from 'zod';
import { greedyAllocate } from '../greedy';
import { baht, defineRule, locksOverBudget } from './rule';

const satang = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** What greedy records about a skipped project: the constraint that stopped it and the money that was left. */
const greedyDetail = z.object({
  /** 'district:1901' or 'strategy:S1' when an envelope stopped it; absent when the ceiling did. */
  constraint: z.string().optional(),
  needed: z.number().optional(),
  available: z.number().optional(),
});

export const greedyRule = defineRule({
  label: { th: 'ตามลำดับคะแนน', en: 'By rank (greedy)' },
  summary: {
    th: 'จัดสรรให้โครงการตามลำดับคะแนน โครงการใดเงินไม่พอก็ข้ามไปโครงการถัดไป',
    en: 'Funds projects in rank order; a project the money no longer covers is skipped for the next one',
  },
  params: {
    fields: {
      /** Money reserved per district (envelopes), satang. */
      districtEnvelopes: z.record(z.string().regex(/^19\d\d$/u), satang),
      /** Money reserved per strategy (envelopes), satang. */
      strategyEnvelopes: z.record(z.string().regex(/^S\d$/u), satang),
    },
    defaults: { districtEnvelopes: {}, strategyEnvelopes: {} },
  },
  run: (input) =>
    locksOverBudget(input, 'greedy') ?? {
      outcome: greedyAllocate({
        projects: input.projects,
        budget: input.budget,
        districtEnvelopes: input.params.districtEnvelopes,
        strategyEnvelopes: input.params.strategyEnvelopes,
        locks: input.locks,
      }),
    },
  detail: greedyDetail,
  explain: ({ decision: d, project: p, funded, head, reserve, constraint }, detail) => {
    if (funded) {
      return {
        th: `${head.th} ได้รับจัดสรร ${baht(d.funded, 'th')} ในขั้นที่ ${d.step} ของการจัดสรรตามลำดับคะแนน ขณะนั้นมีเงินคงเหลือ ${baht(d.remainingBefore, 'th')} เพียงพอต่อวงเงินที่ขอ`,
        en: `${head.en} was funded ${baht(d.funded, 'en')} at step ${d.step} of funding in rank order; ${baht(d.remainingBefore, 'en')} was left at its turn, enough for the request.`,
      };
    }
    const available = detail.available ?? d.remainingBefore;
    if (d.reason === 'skipped_district_envelope' || d.reason === 'skipped_strategy_envelope') {
      const c = constraint(detail.constraint ?? null);
      return {
        th: `${head.th} ไม่ได้รับจัดสรร: ถึงลำดับของโครงการ (ขั้นที่ ${d.step}) ${c.th} เหลือ ${baht(available, 'th')} น้อยกว่าวงเงินที่ขอ ${baht(p.requested, 'th')}${reserve.th}`,
        en: `${head.en} was not funded: at its turn (step ${d.step}) the ${c.en} had ${baht(available, 'en')} left, less than the ${baht(p.requested, 'en')} requested.${reserve.en}`,
      };
    }
    return {
      th: `${head.th} ไม่ได้รับจัดสรร: ถึงลำดับของโครงการ (ขั้นที่ ${d.step}) เหลือเงิน ${baht(available, 'th')} น้อยกว่าวงเงินที่ขอ ${baht(p.requested, 'th')} จึงข้ามไปพิจารณาโครงการถัดไป${reserve.th}`,
      en: `${head.en} was not funded: at step ${d.step} only ${baht(available, 'en')} was left, less than the ${baht(p.requested, 'en')} requested, so the rule moved on.${reserve.en}`,
    };
  },
});
