import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, MapChart, ScatterChart } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, HeatmapSeriesOption, MapSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  GeoComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import Box from '@mui/material/Box';

// Only what the app draws, to keep the bundle small.
echarts.use([
  BarChart,
  MapChart,
  // The committee's disagreement heatmap (issue 12).
  HeatmapChart,
  // Needs' points over a district's map.
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | MapSeriesOption
  | HeatmapSeriesOption
  | ScatterSeriesOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

type GeoJson = Parameters<typeof echarts.registerMap>[1];

/**
 * Registers district boundaries (GeoJSON from `areas.geometry`) under `name` for map series; registering
 * the same name again replaces it, so a reference-data re-import shows the new boundaries.
 */
/**
 * Roughly the pixels one Thai letter takes at the charts' label sizes (Sarabun, 12–15 px): turns a label's width in
 * pixels into the columns `wrapLabel` counts. Erring wide makes a line shorter, never cut.
 */
export const CHAR_PX = 8;

export function registerGeoJson(name: string, geoJson: unknown): void {
  echarts.registerMap(name, geoJson as GeoJson);
}

type Props = Readonly<{
  option: ChartOption;
  height: number;
  testId?: string;
  dataAttributes?: Record<string, string>;
  /** A click on a data item (a bar, a map's area). */
  onClick?: (params: echarts.ECElementEvent) => void;
  /** After each drawing (option or size changed), with the chart, e.g. to place overlays by `convertToPixel`. */
  onFinished?: (chart: echarts.ECharts) => void;
}>;

/** A thin ECharts 6 host: init once, replace the option when it changes, follow the container's size. */
export function EChart({ option, height, testId, dataAttributes, onClick, onFinished }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // The latest handlers, so the chart's listeners (bound once) never call a stale one.
  const handlers = useRef({ onClick, onFinished });
  handlers.current = { onClick, onFinished };

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, null, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => handlers.current.onClick?.(params));
    instance.on('finished', () => handlers.current.onFinished?.(instance));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a district or series that disappears must disappear from the chart too.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const data = Object.fromEntries(Object.entries(dataAttributes ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return <Box ref={el} data-testid={testId} {...data} sx={{ width: '100%', height }} />;
}
