import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../../shared/domain/thai-wrap';
import { CHAR_PX } from '../../components/EChart';
import { columnLabels, HEAT_LEFT, HEAT_LINE, HEAT_RIGHT, HEAT_ROTATE, spreadPercent } from './heatmap-layout';
import type { Measure } from '../../app/use-text-measure';

const TH = ['ความจำเป็นเร่งด่วน', 'ความพร้อมในการดำเนินการ', 'ความสอดคล้องกับยุทธศาสตร์จังหวัด', 'ความคุ้มค่า'];
const EN = ['Urgency', 'Readiness', 'Fit with provincial strategy', 'Value for money'];
/** The heatmap's width beside the judgement panel's other column at 1280 and 1440 px, and wider. */
const CHART_WIDTHS = [393, 553, 800];
const plot = (width: number): number => width - HEAT_LEFT - HEAT_RIGHT;
/**
 * Sarabun at 12 px as Chromium measures it, a little wide: a Thai letter 7 px (ยุทธศาสตร์ is 54 px), a lower-case Latin
 * letter 5.3 (provincial is 51), another 6.5, a space 3.
 */
const sarabun: Measure = (text) =>
  [...text].reduce(
    (w, ch) => w + (/\p{M}/u.test(ch) ? 0 : /[a-z]/u.test(ch) ? 5.3 : ch === ' ' ? 3 : /[\u0e00-\u0e7f]/u.test(ch) ? 7 : 6.5),
    0,
  );

describe('the heatmap column names', () => {
  it.each(CHART_WIDTHS.flatMap((w) => [TH, EN].flatMap((names) => [sarabun, undefined].map((m) => [w, names, m] as const))))(
    'at %i px never overprint: upright lines fit their column, or every name leans on one line',
    (width, names, measure) => {
      const column = plot(width) / names.length;
      const { lines, rotate, width: room } = columnLabels(names, plot(width), measure);
      const size = measure ?? ((text: string) => displayWidth(text) * CHAR_PX);
      if (rotate === 0) {
        expect(room).toBeLessThan(column);
        for (const name of lines) for (const line of name) expect(size(line)).toBeLessThanOrEqual(room);
      } else {
        expect(lines.every((l) => l.length === 1)).toBe(true);
        // Parallel leaning lines one column apart are further apart than a line is high.
        expect(column * Math.sin((rotate * Math.PI) / 180)).toBeGreaterThan(HEAT_LINE);
      }
    },
  );

  it('stand upright, broken between words and whole, at the widths of 1280 and 1440 px', () => {
    for (const width of [393, 553])
      for (const names of [TH, EN]) {
        const { lines, rotate } = columnLabels(names, plot(width), sarabun);
        expect(rotate).toBe(0);
        expect(lines.map((l) => l.join(names === EN ? ' ' : ''))).toEqual(names);
        expect(lines[2]!.length).toBeGreaterThan(1);
      }
  });

  it('lean, whole, when a column is too narrow for six lines', () => {
    const { lines, rotate, top } = columnLabels(TH, 150, sarabun);
    expect(rotate).toBe(HEAT_ROTATE);
    expect(lines.map((l) => l[0])).toEqual(TH);
    const longest = Math.max(...TH.map(sarabun));
    expect(top).toBeGreaterThanOrEqual(longest * Math.sin((HEAT_ROTATE * Math.PI) / 180));
  });

  it('leave room above the grid for the longest upright name', () => {
    const { lines, top } = columnLabels(EN, 400);
    expect(top).toBeGreaterThanOrEqual(Math.max(...lines.map((l) => l.length)) * HEAT_LINE);
  });

  it('shorten a very long name with "…" when leaning', () => {
    const { lines } = columnLabels(['ก'.repeat(80), 'x'], 40);
    expect(lines[0]![0]!.endsWith('…')).toBe(true);
    expect(displayWidth(lines[0]![0]!) * CHAR_PX).toBeLessThanOrEqual(240);
  });
});

describe('spreadPercent', () => {
  it('reads a share of the scale as a percentage, so the legend does not say "0" at both ends', () => {
    expect([0, 0.05, 0.354, 1].map(spreadPercent)).toEqual(['0%', '5%', '35%', '100%']);
  });
});
