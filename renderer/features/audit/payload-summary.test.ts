import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarizePayload, type SummaryLabels, type SummaryNames } from './payload-summary';

const names: SummaryNames = {
  round: (id) => (id === 1 ? 'รอบ 2571' : undefined),
  member: (id) => (id === 3 ? 'นางสาวก' : undefined),
  project: (id) => (id === 7 ? 'SB-007' : undefined),
  criterion: (id) => (id === 2 ? 'C2' : undefined),
};
const labels: SummaryLabels = {
  field: { roundId: 'รอบ', memberId: 'กรรมการ', projectId: 'โครงการ', criterionId: 'เกณฑ์', value: 'คะแนน', ceiling: 'วงเงิน' },
  items: (n) => `${n} รายการ`,
  baht: (a) => `${a} บาท`,
};

describe('summarizePayload', () => {
  it('names the member, project and criterion of a score and hides the version bookkeeping', () => {
    const json = '{"criterionId":2,"expectedVersion":0,"memberId":3,"projectId":7,"roundId":1,"value":4}';
    expect(summarizePayload(json, names, labels)).toBe(
      'กรรมการ: นางสาวก · โครงการ: SB-007 · เกณฑ์: C2 · คะแนน: 4 · รอบ: รอบ 2571',
    );
  });

  it('shows ids the current round does not know as #id, satang as baht, lists as counts and hashes shortened', () => {
    const json = JSON.stringify({ ceiling: 15_000_000_000, projectId: 99, sha256: 'a'.repeat(64), tags: [1, 2, 3] });
    expect(summarizePayload(json, names, labels)).toBe(
      `โครงการ: #99 · วงเงิน: 150,000,000.00 บาท · sha256: aaaaaaaaaaaa… · tags: 3 รายการ`,
    );
  });

  it('shows a payload that is not JSON as stored (shortened)', () => {
    expect(summarizePayload('not json', names, labels)).toBe('not json');
    expect(summarizePayload('x'.repeat(100), names, labels)).toHaveLength(60);
  });

  it('never throws and stays one short line for any JSON payload', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = summarizePayload(JSON.stringify(value), names, labels);
        expect(text).not.toContain('\n');
      }),
    );
  });
});
