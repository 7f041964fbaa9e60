import { useCallback, useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { FairnessView } from '../../../shared/api/types';
import { isKnownPopulation } from '../../../shared/domain/fairness';
import { wrapLabel } from '../../../shared/domain/thai-wrap';
import { FONT_FAMILY } from '../../app/theme';
import { useQuery } from '../../app/use-query';
import { useElementWidth } from '../../app/use-element-width';
import { useTextMeasure } from '../../app/use-text-measure';
import { estimateTextWidth, LEGEND_FONT_SIZE, legendHeight, legendRows } from '../../components/chart-layout';
import { CHAR_PX, EChart, registerGeoJson, type ChartOption } from '../../components/EChart';
import { FigureCard } from '../../components/FigureCard';
import { isAreaFeature, useMapLabels, withLabelPoints, type AreaFeature } from '../../components/map-labels';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

type DistrictFairness = FairnessView['districts'][number];

const MAP_NAME = 'saraburi-districts';
const SAMPLE_SHOWN = 24;
const pct = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);
const bahtPerPerson = (satangPerPerson: number | null): number | null =>
  satangPerPerson === null ? null : Math.round(satangPerPerson) / 100;
const wholeBaht = (baht: number): string => Math.round(baht).toLocaleString('en-US');

/**
 * Fairness shown with every scenario: each district's share of the money against its share of population and
 * of people in need, spend per resident (a map when boundaries were imported), the two Gini figures,
 * villages whose needs got no funded project, and how much of the budget was spent.
 */
export function FairnessPanel({ fairness }: { fairness: FairnessView | undefined }) {
  const { t, lang } = useI18n();
  const f = t.fairness;
  const geometry = useQuery('areas.geometry', { level: 'district' }, { refetchOn: ['areas.changed'] });
  const features = useMemo(() => (geometry.data?.features ?? []).filter(isAreaFeature), [geometry.data]);
  const [mapReady, setMapReady] = useState(false);
  useEffect(() => {
    if (!geometry.data) return;
    registerGeoJson(MAP_NAME, { type: 'FeatureCollection', features: withLabelPoints(features) });
    setMapReady(true);
  }, [geometry.data, features]);

  const gini = (g: number | null | undefined): string => (g === null || g === undefined ? f.notAvailable : g.toFixed(3));
  const figures = fairness
    ? [
        {
          id: 'gini-capita',
          label: f.giniPerCapita,
          text: gini(fairness.giniPerCapita),
          value: fairness.giniPerCapita,
          hint: f.giniHint,
        },
        {
          id: 'gini-need',
          label: f.giniPerNeedPerson,
          text: gini(fairness.giniPerNeedPerson),
          value: fairness.giniPerNeedPerson,
          hint: f.giniHint,
        },
        {
          id: 'villages-with-needs',
          label: f.villagesWithNeeds,
          text: f.villagesUnit(formatCount(fairness.villagesWithNeeds)),
          value: fairness.villagesWithNeeds,
        },
        {
          id: 'unserved-villages',
          label: f.unservedVillages,
          text: f.villagesUnit(formatCount(fairness.unservedVillages)),
          value: fairness.unservedVillages,
        },
        {
          id: 'budget-spent',
          label: f.budgetShareSpent,
          text: `${(fairness.budgetShareSpent * 100).toFixed(1)}%`,
          value: fairness.budgetShareSpent,
        },
      ]
    : [];

  // Districts the reference data gives no population: no share of the population is shown, per-resident figures
  // cover the others only; the committee is told which.
  const withoutPopulation = (fairness?.districts ?? []).filter((d) => !isKnownPopulation(d.population));

  return (
    <Paper variant="outlined" data-testid="fairness-panel" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Typography variant="h6" component="h3">
        {f.title}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(5, minmax(0, 1fr))' } }}>
        {figures.map((c) => (
          <FigureCard key={c.id} label={c.label} text={c.text} value={c.value} hint={c.hint} testId={`fairness-${c.id}`} />
        ))}
      </Box>
      {fairness && withoutPopulation.length > 0 ? (
        <Alert severity="warning" data-testid="fairness-population-gaps">
          {f.populationGaps(
            withoutPopulation.length,
            fairness.districts.length,
            withoutPopulation.map((d) => (lang === 'th' ? d.nameTh : d.nameEn)).join(', '),
          )}
        </Alert>
      ) : null}
      {fairness && fairness.unservedSample.length > 0 ? (
        <Box data-testid="unserved-sample">
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 0.5 }}>
            {f.unservedSample}
          </Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }}>
            {fairness.unservedSample.slice(0, SAMPLE_SHOWN).map((v) => (
              <UnservedChip key={v.th} th={v.th} en={v.en} />
            ))}
            {fairness.unservedVillages > Math.min(SAMPLE_SHOWN, fairness.unservedSample.length) ? (
              <Chip
                size="small"
                label={f.more(fairness.unservedVillages - Math.min(SAMPLE_SHOWN, fairness.unservedSample.length))}
              />
            ) : null}
          </Box>
        </Box>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'repeat(3, minmax(0, 1fr))' } }}>
        <SharesChart districts={fairness?.districts ?? []} />
        <PerCapitaChart districts={fairness?.districts ?? []} />
        {mapReady ? <PerCapitaMap districts={fairness?.districts ?? []} features={features} /> : null}
      </Box>
    </Paper>
  );
}

function UnservedChip({ th, en }: { th: string; en: string }) {
  const { lang } = useI18n();
  return <Chip size="small" variant="outlined" label={lang === 'th' ? th : en} />;
}

/** A horizontal bar chart with one row per district (the first district at the top) and one bar per series. */
type DistrictBarsSpec = Readonly<{
  title: string;
  /** Wrap a long title at this width (px); the legend sits low enough for a two-line title either way. */
  titleWidth?: number;
  series: ReadonlyArray<Readonly<{ name: string; color: string; value: (d: DistrictFairness) => number | null }>>;
  /** Tooltip text of a value. */
  format: (value: number) => string;
  /** ECharts label template of the value axis, e.g. '{value}%'. */
  axisLabel?: string;
  gridRight: number;
  testId: string;
  dataAttributes?: Record<string, string>;
}>;

/** Where the legend starts (px): under a title of up to two lines. */
const LEGEND_TOP = 60;
/** Space between the legend's last row and the bars (px). */
const LEGEND_GAP = 8;
/** Before the chart is measured: about its width in a third of a 1280-px screen. */
const FALLBACK_CHART_WIDTH = 380;

function DistrictBars({ districts, spec }: { districts: readonly DistrictFairness[]; spec: DistrictBarsSpec }) {
  const { lang } = useI18n();
  const sorted = useMemo(() => [...districts].sort((a, b) => b.code.localeCompare(a.code)), [districts]);
  const [box, measured] = useElementWidth<HTMLDivElement>();
  const measure = useTextMeasure(`${LEGEND_FONT_SIZE}px ${FONT_FAMILY}`, estimateTextWidth);
  // The bars start under the legend's last row: the series' names wrap where the chart is narrow or they are long.
  const legend = legendHeight(
    legendRows(
      spec.series.map((x) => x.name),
      measured ?? FALLBACK_CHART_WIDTH,
      measure,
    ),
  );
  const gridTop = LEGEND_TOP + legend + LEGEND_GAP;
  const option = useMemo<ChartOption>(() => {
    const name = (d: DistrictFairness): string => (lang === 'th' ? d.nameTh : d.nameEn);
    return {
      textStyle: { fontFamily: FONT_FAMILY },
      animationDuration: 300,
      animationDurationUpdate: 300,
      title: {
        // Wrapped between Thai words (ECharts' own 'break' would cut a word in two).
        text: spec.titleWidth ? wrapLabel(spec.title, Math.max(10, Math.floor(spec.titleWidth / CHAR_PX))) : spec.title,
        left: 0,
        textStyle: { fontFamily: FONT_FAMILY, fontSize: 15, lineHeight: 20 },
      },
      legend: { top: LEGEND_TOP, left: 0, textStyle: { fontFamily: FONT_FAMILY, fontSize: LEGEND_FONT_SIZE } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => (typeof v === 'number' ? spec.format(v) : '–'),
      },
      grid: { left: 8, right: spec.gridRight, top: gridTop, bottom: 8, containLabel: true },
      xAxis: { type: 'value', ...(spec.axisLabel ? { axisLabel: { formatter: spec.axisLabel } } : {}) },
      yAxis: { type: 'category', data: sorted.map(name), axisLabel: { fontFamily: FONT_FAMILY, fontSize: 12 } },
      series: spec.series.map((x) => ({ name: x.name, type: 'bar', data: sorted.map(x.value), itemStyle: { color: x.color } })),
    };
  }, [sorted, spec, lang, gridTop]);
  return (
    <Box ref={box} sx={{ minWidth: 0 }}>
      <EChart
        option={option}
        height={Math.max(434, gridTop + 20 + sorted.length * 44)}
        testId={spec.testId}
        dataAttributes={{ ...spec.dataAttributes, 'grid-top': String(gridTop) }}
      />
    </Box>
  );
}

function SharesChart({ districts }: { districts: readonly DistrictFairness[] }) {
  const { t } = useI18n();
  // No share of the population when some district has no population (the note above the charts says which).
  const withPopulation = districts.some((d) => d.populationShare !== null);
  const spec = useMemo<DistrictBarsSpec>(() => {
    const f = t.fairness;
    return {
      title: f.sharesTitle,
      titleWidth: 380,
      series: [
        { name: f.fundedShare, color: '#1d4e89', value: (d) => pct(d.fundedShare) },
        ...(withPopulation
          ? [{ name: f.populationShare, color: '#90a4ae', value: (d: DistrictFairness) => pct(d.populationShare) }]
          : []),
        { name: f.needShare, color: '#c77d00', value: (d) => pct(d.needShare) },
      ],
      format: (v) => `${v}%`,
      axisLabel: '{value}%',
      gridRight: 16,
      testId: 'fairness-shares-chart',
      dataAttributes: { districts: String(districts.length), series: withPopulation ? '3' : '2' },
    };
  }, [t, districts.length, withPopulation]);
  return <DistrictBars districts={districts} spec={spec} />;
}

function PerCapitaChart({ districts }: { districts: readonly DistrictFairness[] }) {
  const { t } = useI18n();
  const spec = useMemo<DistrictBarsSpec>(() => {
    const f = t.fairness;
    return {
      title: f.perCapitaTitle,
      series: [
        { name: f.perCapita, color: '#2e7d32', value: (d) => bahtPerPerson(d.perCapita) },
        { name: f.perNeedPerson, color: '#a5d6a7', value: (d) => bahtPerPerson(d.perNeedPerson) },
      ],
      format: (v) => t.money.withUnit(wholeBaht(v)),
      gridRight: 24,
      testId: 'fairness-percapita-chart',
    };
  }, [t]);
  return <DistrictBars districts={districts} spec={spec} />;
}

const MAP_LABEL_SIZE = 11;

function PerCapitaMap({ districts, features }: { districts: readonly DistrictFairness[]; features: readonly AreaFeature[] }) {
  const { lang, t } = useI18n();
  const names = useMemo(() => new Map(districts.map((d) => [d.code, lang === 'th' ? d.nameTh : d.nameEn])), [districts, lang]);
  const nameOf = useCallback((code: string) => names.get(code) ?? code, [names]);
  const labels = useMapLabels(features, nameOf, MAP_LABEL_SIZE);
  const option = useMemo<ChartOption>(() => {
    const values = districts.map((d) => bahtPerPerson(d.perCapita) ?? 0);
    return {
      textStyle: { fontFamily: FONT_FAMILY },
      title: { text: t.fairness.mapTitle, left: 0, textStyle: { fontFamily: FONT_FAMILY, fontSize: 15 } },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = Array.isArray(p) ? p[0] : p;
          const code = item?.name ?? '';
          const v = typeof item?.value === 'number' && !Number.isNaN(item.value) ? t.money.withUnit(wholeBaht(item.value)) : '–';
          return `${nameOf(code)}: ${v}`;
        },
      },
      visualMap: {
        min: Math.min(0, ...values),
        max: Math.max(1, ...values),
        left: 0,
        bottom: 8,
        calculable: true,
        formatter: (v) => (typeof v === 'number' ? wholeBaht(v) : String(v)),
        inRange: { color: ['#fff3e0', '#ffb74d', '#e65100'] },
        textStyle: { fontFamily: FONT_FAMILY },
      },
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          nameProperty: 'code',
          top: 50,
          bottom: 50,
          label: {
            show: true,
            fontFamily: FONT_FAMILY,
            fontSize: MAP_LABEL_SIZE,
            color: '#1a1a1a',
            textBorderColor: '#ffffff',
            textBorderWidth: 2,
            formatter: (p) => nameOf(p.name),
          },
          emphasis: { label: { show: true } },
          // Small districts crowd each other: a name that would overlap another is left to the tooltip and the hover.
          data: districts.map((d) => ({
            name: d.code,
            value: bahtPerPerson(d.perCapita) ?? Number.NaN,
            label: { show: labels.shown?.has(d.code) ?? false },
          })),
        },
      ],
    };
  }, [districts, nameOf, labels.shown, t]);
  return (
    <EChart
      option={option}
      height={520}
      testId="fairness-map"
      dataAttributes={{ districts: String(districts.length), labels: [...(labels.shown ?? [])].sort().join(' ') }}
      onFinished={labels.onFinished}
    />
  );
}
