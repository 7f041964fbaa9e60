/**
 * Counts in sentences read with thousands separators, as everywhere else on the screens: a province's round has
 * thousands of proposals, and "4928 โครงการ" beside "249,930,000.00 บาท" read as a different kind of number.
 */
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { th } from './th';

describe('counts in sentences', () => {
  it('carry thousands separators in Thai and in English', () => {
    expect(th.allocation.projectsUnit(4928)).toBe('4,928 โครงการ');
    expect(en.allocation.projectsUnit(4928)).toBe('4,928 projects');
    expect(th.links.showing(200, 5000)).toBe('แสดง 200 จาก 5,000 โครงการ');
    expect(en.links.showing(200, 5000)).toBe('Showing 200 of 5,000 proposals');
    expect(th.links.linkedCount(8032)).toBe('8,032 ความต้องการ');
    expect(en.links.linkedCount(8032)).toBe('8,032 needs');
    expect(th.exports.agencyOption('อบจ.สระบุรี', 1210)).toBe('อบจ.สระบุรี (1,210 โครงการ)');
    expect(en.exports.agencyOption('PAO', 1210)).toBe('PAO (1,210 proposals)');
  });
});
