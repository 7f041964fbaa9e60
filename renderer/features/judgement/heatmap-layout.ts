/**
 * The disagreement heatmap's text: criterion names over columns whose width depends on the screen, and spreads (a
 * share of the scale's width, 0..1) as percentages.
 */
import { displayWidth, wordSegments } from '../../../shared/domain/thai-wrap';
import type { Measure } from '../../app/use-text-measure';
import { CHAR_PX } from '../../components/EChart';

/** Room the row labels (project codes) take on the left, a margin on the right, and the colour legend below (px). */
export const HEAT_LEFT = 70;
export const HEAT_RIGHT = 12;
export const HEAT_BOTTOM = 48;
/** Line height of a criterion name over its column (px). */
export const HEAT_LINE = 16;
/** Space kept between two columns' names (px). */
const GAP = 6;
/** Lines are laid out this much narrower than the room the chart is told they have, for rounding (px). */
const SLACK = 2;
/** A name takes at most this many lines over its column; past that, names lean instead. */
const MAX_LINES = 6;
/** How far leaning names lean (degrees), and the longest one shown whole (px; longer ones end in "…"). */
export const HEAT_ROTATE = 40;
const MAX_LEANING = 240;

/** Without a canvas to measure on: `CHAR_PX` a letter, which errs wide (a line comes out shorter, never cut). */
export const estimateWidth: Measure = (text) => displayWidth(text) * CHAR_PX;

export type ColumnLabels = Readonly<{
  /** Each name's lines, broken between words (one line when turned). */
  lines: readonly (readonly string[])[];
  /** 0 when names stand upright over their columns, else how far they lean (degrees). */
  rotate: number;
  /** Width one line may take (px): the column's, or a turned name's length. */
  width: number;
  /** The grid's top margin that leaves room for the names (px). */
  top: number;
}>;

/**
 * Criterion names for columns sharing `plotWidth` px. Upright, each broken between words into lines that fit its
 * column (at most six); when a column is too narrow for that, every name is written on one line leaning at 40°, so
 * that neighbours never overprint (a name longer than 240 px then ends in "…"; the tooltip shows it whole).
 * @example columnLabels(['Fit with provincial strategy'], 120).lines // [['Fit with', 'provincial', 'strategy']]
 */
export function columnLabels(names: readonly string[], plotWidth: number, measure: Measure = estimateWidth): ColumnLabels {
  const column = names.length === 0 ? plotWidth : plotWidth / names.length;
  const width = Math.max(1, Math.floor(column - GAP));
  const wrapped = names.map((name) => wrapToWidth(name, width - SLACK, measure));
  const upright = wrapped.every((l) => l.length <= MAX_LINES && l.every((line) => measure(line) <= width - SLACK));
  if (upright) {
    const most = Math.max(1, ...wrapped.map((l) => l.length));
    return { lines: wrapped, rotate: 0, width, top: most * HEAT_LINE + 16 };
  }
  const lines = names.map((name) => [shorten(name, MAX_LEANING - SLACK, measure)]);
  const longest = Math.max(0, ...lines.map(([line]) => measure(line!)));
  const angle = (HEAT_ROTATE * Math.PI) / 180;
  const top = Math.ceil(longest * Math.sin(angle) + HEAT_LINE * Math.cos(angle)) + 16;
  return { lines, rotate: HEAT_ROTATE, width: MAX_LEANING, top };
}

/** Lines of at most `width` px, broken only between words (a word wider than that stands alone). */
function wrapToWidth(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of wordSegments(text)) {
    const blank = word.trim() === '';
    if (line === '' && blank) continue;
    if (line !== '' && !blank && measure((line + word).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = word;
    } else line += word;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** The text cut to `width` px with "…" when it is wider. */
function shorten(text: string, width: number, measure: Measure): string {
  if (measure(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (measure(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/**
 * A spread (share of the scale's width) as a percentage, for the legend, the cells and the tooltip.
 * @example spreadPercent(0.354) // '35%'
 */
export function spreadPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
