/**
 * Rule "mes": the Method of Equal Shares over citizens' needs. Every person (or household) who raised a need gets an
 * equal share of the money and spends it only on the projects that answer their need; locked amounts are paid first.
 */
import { z } from 'zod';
import { mesWithLocks } from '../mes-with-locks';
import { ballotsFromNeeds } from '../need-ballots';
import { baht, defineRule, locksOverBudget } from './rule';

/** What MES records: for a funded project who paid and how much, for one left out what its supporters had left. */
const mesDetail = z.object({
  /** 'mes' for a decision of the equal-shares rounds, 'greedy_completion' for one of the greedy fill-up. */
  rule: z.enum(['mes', 'greedy_completion']).optional(),
  supporters: z.number().optional(),
  /** Full share per supporter, rounded up to a whole satang (scenarios run before 4 December 2026 kept it unrounded). */
  paymentPerVoter: z.number().optional(),
  perVoterBudget: z.number().optional(),
  /** Why a project was left out: 'no_support' when no need links to it. */
  status: z.string().optional(),
  supportersMoney: z.number().optional(),
});

export const mesRule = defineRule({
  label: { th: 'แบ่งส่วนเท่ากันตามความต้องการ (MES)', en: 'Equal shares over needs (MES)' },
  summary: {
    th: 'ทุกคนที่ยื่นความต้องการได้ส่วนแบ่งงบเท่ากัน และใช้ส่วนแบ่งนั้นร่วมจ่ายเฉพาะโครงการที่ตอบความต้องการของตน',
    en: 'Everyone who raised a need gets an equal share of the money and spends it only on projects that answer their need',
  },
  params: {
    fields: {
      /** Who counts as a voter: each person affected, or each household. */
      voterUnit: z.enum(['people', 'households']),
      /** How money equal shares leave unspent is used (add1: raise the shares step by step, as real elections do). */
      completion: z.enum(['none', 'add1', 'add1_greedy']),
    },
    defaults: { voterUnit: 'people', completion: 'add1' },
  },
  run: (input) => {
    const { projects, budget, locks, params, needs, onProgress } = input;
    return (
      locksOverBudget(input, 'mes') ?? {
        outcome: mesWithLocks({
          projects,
          budget,
          locks,
          voters: ballotsFromNeeds(needs, params.voterUnit),
          completion: params.completion,
          ...(onProgress ? { onProgress } : {}),
        }),
      }
    );
  },
  detail: mesDetail,
  explain: ({ decision: d, project: p, funded, head, reserve }, detail) => {
    if (funded) {
      if (detail.rule === 'greedy_completion') {
        return {
          th: `${head.th} ได้รับจัดสรร ${baht(d.funded, 'th')} ในขั้นเติมเต็มงบ (greedy) หลังวิธีแบ่งส่วนเท่ากันใช้ส่วนแบ่งของประชาชนหมดแล้ว`,
          en: `${head.en} was funded ${baht(d.funded, 'en')} in the greedy completion after the equal-shares rounds used up people's shares.`,
        };
      }
      const supporters = detail.supporters ?? 0;
      const pay = detail.paymentPerVoter ?? 0;
      const share = detail.perVoterBudget ?? 0;
      return {
        th: `${head.th} ได้รับจัดสรร ${baht(d.funded, 'th')} (ขั้นที่ ${d.step}) ตามวิธีแบ่งส่วนเท่ากัน (MES): ประชาชน ${supporters.toLocaleString('th-TH')} คนที่ยื่นความต้องการซึ่งโครงการนี้ตอบสนอง ร่วมจ่ายจากส่วนแบ่งของตน คนละไม่เกิน ${baht(Math.ceil(pay), 'th')} (ส่วนแบ่งต่อคน ${baht(Math.floor(share), 'th')})`,
        en: `${head.en} was funded ${baht(d.funded, 'en')} (step ${d.step}) by the Method of Equal Shares: the ${supporters.toLocaleString('en-US')} people whose needs it answers paid from their equal shares, at most ${baht(Math.ceil(pay), 'en')} each (share per person ${baht(Math.floor(share), 'en')}).`,
      };
    }
    if (detail.status === 'no_support') {
      return {
        th: `${head.th} ไม่ได้รับจัดสรร: ไม่มีความต้องการของประชาชนที่เชื่อมโยงกับโครงการนี้ จึงไม่มีผู้สนับสนุนในวิธีแบ่งส่วนเท่ากัน${reserve.th}`,
        en: `${head.en} was not funded: no citizen need links to it, so it has no supporters under equal shares.${reserve.en}`,
      };
    }
    const supporters = detail.supporters ?? 0;
    const money = detail.supportersMoney ?? 0;
    return {
      th: `${head.th} ไม่ได้รับจัดสรร: ผู้สนับสนุน ${supporters.toLocaleString('th-TH')} คนมีส่วนแบ่งคงเหลือรวม ${baht(Math.floor(money), 'th')} น้อยกว่าค่าใช้จ่าย ${baht(p.requested, 'th')}${reserve.th}`,
      en: `${head.en} was not funded: its ${supporters.toLocaleString('en-US')} supporters had ${baht(Math.floor(money), 'en')} of their shares left, less than the ${baht(p.requested, 'en')} it costs.${reserve.en}`,
    };
  },
});
