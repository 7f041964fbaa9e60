/**
 * The document libraries (ExcelJS, ECharts, JSZip, QR codes), loaded when a document is first made rather than when
 * the core starts. Every thread of the host loads the core (the main thread, the compute worker, the scenario lane, a
 * sync's own worker), most of them never write a document, and these libraries hold some 90 MB of heap per thread
 * once loaded.
 */
import type * as EchartsCore from 'echarts/core';
import type ExcelJS from 'exceljs';
import type JSZip from 'jszip';
import type QRCode from 'qrcode';

export type Echarts = typeof EchartsCore;

let echartsLoaded: Promise<Echarts> | null = null;

/** ExcelJS's module. */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** JSZip's constructor. */
export async function loadZip(): Promise<typeof JSZip> {
  return (await import('jszip')).default;
}

/** The QR code writer. */
export async function loadQrCode(): Promise<typeof QRCode> {
  return (await import('qrcode')).default;
}

/** ECharts for server-side SVG, with the charts and components the documents draw registered once. */
export function loadEcharts(): Promise<Echarts> {
  echartsLoaded ??= (async () => {
    const [core, charts, components, renderers] = await Promise.all([
      import('echarts/core'),
      import('echarts/charts'),
      import('echarts/components'),
      import('echarts/renderers'),
    ]);
    core.use([
      charts.BarChart,
      charts.MapChart,
      charts.ScatterChart,
      components.GeoComponent,
      components.GridComponent,
      components.LegendComponent,
      components.TitleComponent,
      components.VisualMapComponent,
      renderers.SVGRenderer,
    ]);
    return core;
  })();
  return echartsLoaded;
}
