/**
 * Area names on ECharts maps that never overprint each other. `labelLayout: { hideOverlap: true }` does nothing for
 * map series, so the map says where each name goes (`properties.cp`, the centroid of the area's largest ring), and
 * after each drawing the names are boxed in pixels and the larger areas' names kept first; a name that would overlap
 * one already kept is left to the tooltip (and shows when its area is hovered).
 */
import { useCallback, useMemo, useState } from 'react';
import type { ECharts } from 'echarts/core';
import { area, centroid, type Position } from '../../shared/domain/polygon';
import { displayWidth } from '../../shared/domain/thai-wrap';
import { FONT_FAMILY } from '../app/theme';
import { useTextMeasure, type Measure } from '../app/use-text-measure';
import { CHAR_PX } from './EChart';

/** A name's box in the chart's pixels, centred where the map writes it, and how much it matters (larger first). */
export type LabelBox = Readonly<{ code: string; x: number; y: number; width: number; height: number; priority: number }>;

/**
 * The names to write: by priority (the area's size), each one only if its box, grown by `gap` px, touches no box
 * already kept. Ties keep their order.
 * @example labelsThatFit([{ code: 'a', x: 0, y: 0, width: 40, height: 14, priority: 2 }, { code: 'b', x: 10, y: 4, width: 40, height: 14, priority: 1 }]) // Set {'a'}
 */
export function labelsThatFit(boxes: readonly LabelBox[], gap = 2): Set<string> {
  const kept: LabelBox[] = [];
  const overlaps = (a: LabelBox, b: LabelBox): boolean =>
    Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * gap && Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * gap;
  for (const box of [...boxes].sort((a, b) => b.priority - a.priority)) {
    if (!kept.some((k) => overlaps(k, box))) kept.push(box);
  }
  return new Set(kept.map((k) => k.code));
}

/** A GeoJSON feature of an area, named by its code. */
export type AreaFeature = Readonly<{ properties: Readonly<{ code: string }>; geometry: unknown }>;
type Feature = AreaFeature;

/** Whether a value from a geometry answer is a feature with a code. */
export function isAreaFeature(f: unknown): f is AreaFeature {
  if (typeof f !== 'object' || f === null || !('properties' in f)) return false;
  const p = f.properties;
  return typeof p === 'object' && p !== null && 'code' in p && typeof p.code === 'string';
}

/**
 * The features with each one's label point (`properties.cp`, which ECharts writes the name at) set to the centroid
 * of its largest ring: ECharts' own choice (the ring with the most points) is not one a layout can know.
 */
export function withLabelPoints<F extends Feature>(features: readonly F[]): F[] {
  return features.map((f) => {
    const cp = centroid(f.geometry);
    return cp ? { ...f, properties: { ...f.properties, cp: [cp[0], cp[1]] } } : f;
  });
}

/** Letters at the names' font without a canvas to measure on: `CHAR_PX` each, erring wide. */
const estimate: Measure = (text) => displayWidth(text) * CHAR_PX;

/**
 * Which area names a map series (the chart's first) writes: null until the map has been drawn once and measured, then
 * the names that fit. Give the series' data items `label: { show: shown?.has(code) ?? false }` and the chart
 * `onFinished`.
 */
export function useMapLabels(
  features: readonly Feature[],
  nameOf: (code: string) => string,
  fontSize: number,
): Readonly<{ shown: ReadonlySet<string> | null; onFinished(chart: ECharts): void }> {
  const measure = useTextMeasure(`${fontSize}px ${FONT_FAMILY}`, estimate);
  const places = useMemo(
    () =>
      features.flatMap((f) => {
        const point = centroid(f.geometry);
        return point ? [{ code: f.properties.code, point, priority: area(f.geometry) }] : [];
      }),
    [features],
  );
  const [shown, setShown] = useState<ReadonlySet<string> | null>(null);
  const onFinished = useCallback(
    (chart: ECharts) => {
      const boxes: LabelBox[] = [];
      for (const { code, point, priority } of places) {
        const px = pixelOf(chart, point);
        if (!px) continue;
        // The white outline the names are drawn with (2 px) on each side.
        boxes.push({ code, x: px[0], y: px[1], width: measure(nameOf(code)) + 4, height: fontSize * 1.3 + 4, priority });
      }
      const next = labelsThatFit(boxes);
      setShown((old) => (old && old.size === next.size && [...next].every((c) => old.has(c)) ? old : next));
    },
    [places, measure, nameOf, fontSize],
  );
  return { shown, onFinished };
}

function pixelOf(chart: ECharts, point: Position): Position | null {
  const px: unknown = chart.convertToPixel({ seriesIndex: 0 }, [point[0], point[1]]);
  return Array.isArray(px) && typeof px[0] === 'number' && typeof px[1] === 'number' ? [px[0], px[1]] : null;
}
