import { describe, expect, it } from 'vitest';
import { dictionaries } from '../i18n/i18n-context';
import { filePlaceKind } from '../../shared/domain/import/problems';
import { problemsCsv } from './problems-csv';

describe('problems CSV', () => {
  it('heads its first column with rows for a table and lines for a feed, in Thai and English', () => {
    expect(filePlaceKind('report.xlsx')).toBe('row');
    expect(filePlaceKind('needs.csv')).toBe('row');
    expect(filePlaceKind('feed.ndjson')).toBe('line');
    const problem = { line: 3, column: 'ตำบล', code: 'UNKNOWN_AREA', th: 'ไม่พบ', en: 'unknown' };
    expect(problemsCsv([problem], dictionaries.th.needsImport.csvHeader('line'))).toBe(
      '\uFEFFบรรทัด,คอลัมน์,รหัสปัญหา,เหตุผล,reason\r\n3,ตำบล,UNKNOWN_AREA,ไม่พบ,unknown\r\n',
    );
    expect(dictionaries.th.needsImport.csvHeader('row')[0]).toBe('แถว');
    expect(dictionaries.en.needsImport.csvHeader('line')[0]).toBe('line');
  });
});
