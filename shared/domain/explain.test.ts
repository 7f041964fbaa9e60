import { describe, expect, it } from 'vitest';
import type { Decision } from './allocation/types';
import { explainDecision, type ExplainInput } from './explain';

const project = { code: 'SRB71-007', title: 'ถนนคอนกรีต', rank: 9, composite: 61.2, requested: 500_00, locked: false };

/** A run in which project '7' (500 baht, score 0.0625) lost to 'A' (100 baht, score 0.3, funded). */
const run: ExplainInput['run'] = {
  projects: [
    { id: 'A', cost: 100_00, score: 0.3 },
    { id: '7', cost: 500_00, score: 0.0625 },
  ],
  outcome: {
    rule: 'optimum',
    funded: { A: 100_00 },
    totalFunded: 100_00,
    budget: 1000_00,
    remaining: 900_00,
    decisions: [],
    reserve: ['7'],
  },
};

function card(rule: ExplainInput['rule'], decision: Decision, extra: Partial<ExplainInput> = {}) {
  return explainDecision({
    rule,
    decision,
    project,
    budget: 1000_00,
    reservePosition: decision.funded > 0 ? null : 2,
    constraintNames: {},
    run,
    params: {},
    ...extra,
  });
}

describe('explainDecision', () => {
  it('greedy: why out names the step, the money left and the request, and the reserve position', () => {
    const c = card('greedy', {
      projectId: '7',
      funded: 0,
      reason: 'skipped_no_money',
      step: 9,
      remainingBefore: 120_00,
      detail: { needed: 500_00, available: 120_00 },
    });
    expect(c.funded).toBe(false);
    expect(c.th).toContain('SRB71-007');
    expect(c.th).toContain('ขั้นที่ 9');
    expect(c.th).toContain('120.00 บาท');
    expect(c.th).toContain('500.00 บาท');
    expect(c.th).toContain('(Y2) ลำดับที่ 2');
    expect(c.en).toContain('only 120.00 baht was left');
  });

  it('greedy: an envelope skip names the envelope', () => {
    const c = card(
      'greedy',
      {
        projectId: '7',
        funded: 0,
        reason: 'skipped_district_envelope',
        step: 3,
        remainingBefore: 900_00,
        detail: { constraint: 'district:1905', available: 10_00 },
      },
      { constraintNames: { 'district:1905': { th: 'กรอบวงเงินอำเภอหนองแซง', en: 'envelope of Nong Saeng district' } } },
    );
    expect(c.th).toContain('กรอบวงเงินอำเภอหนองแซง');
    expect(c.en).toContain('envelope of Nong Saeng district had 10.00 baht left');
  });

  it('greedy: why in names the step and the money left at its turn', () => {
    const c = card('greedy', { projectId: '7', funded: 500_00, reason: 'funded', step: 4, remainingBefore: 800_00 });
    expect(c.funded).toBe(true);
    expect(c.th).toContain('ได้รับจัดสรร 500.00 บาท ในขั้นที่ 4');
    expect(c.en).toContain('800.00 baht was left');
  });

  it('optimum: a binding cap is named; partial funding says so', () => {
    const out = card(
      'optimum',
      {
        projectId: '7',
        funded: 0,
        reason: 'skipped_district_envelope',
        step: 1,
        remainingBefore: 1000_00,
        detail: { constraint: 'cap:1901' },
      },
      {
        constraintNames: {
          'cap:1901': { th: 'เพดานอำเภอเมืองสระบุรี 10.00 บาท', en: 'cap for Mueang Saraburi district: 10.00 baht' },
        },
      },
    );
    expect(out.th).toContain('เพดานอำเภอเมืองสระบุรี');
    expect(out.en).toContain('binding constraint is the cap for Mueang Saraburi district');
    const partial = card('optimum', {
      projectId: '7',
      funded: 300_00,
      reason: 'funded_partial',
      step: 1,
      remainingBefore: 1000_00,
    });
    expect(partial.th).toContain('บางส่วน');
    expect(partial.en).toContain('partly, of 500.00 baht requested');
  });

  it('optimum: value per million explains a knapsack choice', () => {
    const c = card('optimum', {
      projectId: '7',
      funded: 0,
      reason: 'skipped_no_money',
      step: 1,
      remainingBefore: 1000_00,
      detail: { constraint: 'ceiling' },
    });
    // 0.0625 points for 500 baht is 125 per million; the funded 'A' gives 0.3 for 100 baht, 3,000 per million.
    expect(c.th).toContain('125.00 คะแนนต่อเงิน 1 ล้านบาท');
    expect(c.en).toContain('3000.00 on average');
    const people = card(
      'optimum',
      { projectId: '7', funded: 0, reason: 'skipped_no_money', step: 1, remainingBefore: 1000_00, detail: { constraint: null } },
      { params: { objective: 'people' } },
    );
    // Nobody is reached by either project: no comparison to make, so the card says another set gives more.
    expect(people.en).toContain('other projects give a higher total for the same money');
  });

  it('MES: supporters and their remaining shares, in and out', () => {
    const inCard = card('mes', {
      projectId: '7',
      funded: 500_00,
      reason: 'funded',
      step: 2,
      remainingBefore: 900_00,
      detail: { rule: 'mes', supporters: 1234, paymentPerVoter: 40.2, perVoterBudget: 81.9 },
    });
    expect(inCard.th).toContain('1,234');
    expect(inCard.en).toContain('Method of Equal Shares');
    const outCard = card('mes', {
      projectId: '7',
      funded: 0,
      reason: 'not_selected',
      step: 9,
      remainingBefore: 100_00,
      detail: { rule: 'mes', status: 'unaffordable', supporters: 50, supportersMoney: 321_00, cost: 500_00 },
    });
    expect(outCard.th).toContain('321.00 บาท');
    expect(outCard.en).toContain('had 321.00 baht of their shares left, less than the 500.00 baht');
    const none = card('mes', {
      projectId: '7',
      funded: 0,
      reason: 'not_selected',
      step: 9,
      remainingBefore: 0,
      detail: { rule: 'mes', status: 'no_support' },
    });
    expect(none.en).toContain('no citizen need links to it');
  });

  it('locked projects say the committee locked them', () => {
    const c = explainDecision({
      rule: 'mes',
      decision: { projectId: '7', funded: 500_00, reason: 'locked', step: 0, remainingBefore: 1000_00 },
      project: { ...project, locked: true },
      budget: 1000_00,
      reservePosition: null,
      constraintNames: {},
      run,
      params: {},
    });
    expect(c.th).toContain('ล็อก');
    expect(c.en).toContain('locked');
  });

  it('refuses a detail its rule did not write (a programming error, not a silent blank card)', () => {
    expect(() =>
      card('mes', {
        projectId: '7',
        funded: 0,
        reason: 'not_selected',
        step: 1,
        remainingBefore: 0,
        detail: { supporters: 'many' },
      }),
    ).toThrow();
  });
});
