/**
 * Bar charts laid out for the room they have: how many rows the legend takes, so that the bars start below its last
 * row (a legend that wraps, as three English series names do in a third of a 1280-px screen, was drawn over them), and
 * how many labels a value axis can hold apart.
 */
import { displayWidth } from '../../shared/domain/thai-wrap';
import type { Measure } from '../app/use-text-measure';
import { CHAR_PX } from './EChart';

/** ECharts' legend defaults (px): the colour symbol, the space after it, the space between items and rows, padding. */
const SYMBOL = 25;
const SYMBOL_GAP = 5;
const ITEM_GAP = 10;
const PADDING = 5;
/** One row's height (px): the symbol's 14 px or a 12-px name's line, whichever is taller. */
const ROW = 16;
/** Rows are laid out this much narrower than the legend's room, for rounding (px). */
const SLACK = 4;

/** The legend's font size (px), ECharts' default. */
export const LEGEND_FONT_SIZE = 12;

/** Without a canvas to measure on: `CHAR_PX` a letter, which errs wide (a legend gets more rows, never fewer). */
export const estimateTextWidth: Measure = (text) => displayWidth(text) * CHAR_PX;

/**
 * The rows a horizontal legend of these series names takes in `width` px, filled left to right as ECharts does.
 * @example legendRows(['Share of funds', 'Share of population', 'Share of people in need'], 380) // 2
 */
export function legendRows(names: readonly string[], width: number, measure: Measure = estimateTextWidth): number {
  const room = width - 2 * PADDING - SLACK;
  let rows = names.length === 0 ? 0 : 1;
  let used = 0;
  for (const name of names) {
    const item = SYMBOL + SYMBOL_GAP + measure(name);
    if (used > 0 && used + ITEM_GAP + item > room) {
      rows += 1;
      used = item;
    } else {
      used += (used > 0 ? ITEM_GAP : 0) + item;
    }
  }
  return rows;
}

/**
 * The legend's height (px) when it has `rows` rows, padding included.
 * @example legendHeight(1) // 26
 */
export function legendHeight(rows: number): number {
  return rows === 0 ? 0 : 2 * PADDING + rows * ROW + (rows - 1) * ITEM_GAP;
}

/** The least room one label of a value axis takes (px): "250" at 12 px and the space to tell it from the next one. */
const VALUE_LABEL_PX = 56;

/**
 * How many intervals a value axis `plotWidth` px long is split into (ECharts' `splitNumber`, 5 by default), so that
 * its labels keep apart: in a narrow chart beside long development issue names, seven labels ran together
 * ("100150200250300").
 * @example valueAxisSplits(150) // 2
 */
export function valueAxisSplits(plotWidth: number): number {
  return Math.max(1, Math.min(5, Math.floor(plotWidth / VALUE_LABEL_PX)));
}
