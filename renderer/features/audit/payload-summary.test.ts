import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarizePayload, type SummaryLabels, type SummaryNames } from './payload-summary';

const names: SummaryNames = {
  round: (id) => (id === 1 ? 'รอบ 2571' : undefined),
  member: (id) => (id === 3 ? 'นางสาวก' : undefined),
  project: (id) => (id === 7 ? 'SB-007' : undefined),
  criterion: (id) => (id === 2 ? 'C2' : undefined),
  scenario: (id) => (id === 3 ? 'ร่างที่ 3' : undefined),
};
const words: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  rule: { mes: 'แบ่งส่วนเท่ากันตามความต้องการ' },
  format: { xlsx: 'แผน (XLSX)' },
  levels: { province: 'จังหวัด', agency: 'ส่วนราชการ' },
};
const labels: SummaryLabels = {
  field: { roundId: 'รอบ', memberId: 'กรรมการ', projectId: 'โครงการ', criterionId: 'เกณฑ์', value: 'คะแนน', ceiling: 'วงเงิน' },
  items: (n) => `${n} รายการ`,
  baht: (a) => `${a} บาท`,
  bytes: (n) => `${n.toLocaleString('en-US')} ไบต์`,
  yes: 'ใช่',
  no: 'ไม่',
  value: (key, raw) => (Object.hasOwn(words, key) && Object.hasOwn(words[key]!, raw) ? words[key]![raw] : undefined),
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

  it('names scenarios, spells out coded values, yes / no and a file size, and shows unknown codes as they are', () => {
    const json = JSON.stringify({ scenarioId: 3, rule: 'mes', secretChanged: true, evidenceChanged: false });
    expect(summarizePayload(json, names, labels)).toBe(
      'scenarioId: ร่างที่ 3 · rule: แบ่งส่วนเท่ากันตามความต้องการ · secretChanged: ใช่ · evidenceChanged: ไม่',
    );
    const exported = JSON.stringify({ bytes: 365568, format: 'xlsx', fromId: 3, lang: 'xx', levels: ['province', 'agency'] });
    expect(summarizePayload(exported, names, labels)).toBe(
      'bytes: 365,568 ไบต์ · format: แผน (XLSX) · fromId: ร่างที่ 3 · lang: xx · levels: จังหวัด, ส่วนราชการ',
    );
  });

  it('counts a list of codes it cannot spell out, and names the member who asked for an override', () => {
    const json = JSON.stringify({ levels: ['province', 'other'], requestedBy: 3 });
    expect(summarizePayload(json, names, labels)).toBe('levels: 2 รายการ · requestedBy: นางสาวก');
  });

  it("names the fields of a proposal's changes and of the values an import cleared, counting the codes", () => {
    const fields = { ...labels, field: { ...labels.field, changes: 'สิ่งที่แก้ไข', cleared: 'ล้างค่า', point: 'พิกัด' } };
    const updated = JSON.stringify({ changes: { point: { from: null, to: '14.5, 101' }, title: { from: 'ก', to: 'ข' } } });
    expect(summarizePayload(updated, names, fields)).toBe('สิ่งที่แก้ไข: พิกัด, title');
    const imported = JSON.stringify({ cleared: { point: ['A-1', 'A-2'], description: ['A-3'] }, new: 0 });
    expect(summarizePayload(imported, names, fields)).toBe('ล้างค่า: พิกัด 2 รายการ, description 1 รายการ · new: 0');
    const many = JSON.stringify({ changes: Object.fromEntries('abcdefg'.split('').map((k) => [k, { from: 1, to: 2 }])) });
    expect(summarizePayload(many, names, fields)).toBe('สิ่งที่แก้ไข: a, b, c, d, e, …');
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
