import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ECharts } from 'echarts/core';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { MAX_NEED_POINTS, type ChoroplethArea, type NeedsFilter } from '../../../shared/api/needs-explorer';
import { centroid, type Position } from '../../../shared/domain/polygon';
import { useNames } from '../../app/use-names';
import { useSession } from '../../app/session-context';
import { useQuery } from '../../app/use-query';
import { EChart, registerGeoJson, type ChartOption } from '../../components/EChart';
import { isAreaFeature, useMapLabels, withLabelPoints, type AreaFeature } from '../../components/map-labels';
import { FONT_FAMILY } from '../../app/theme';
import { formatCount, formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

type Measure = 'per1000' | 'count';
type Feature = AreaFeature;
type Collection = Readonly<{ type: 'FeatureCollection'; features: readonly Feature[] }>;

const MAP_HEIGHT = 460;

/** The features of a geometry answer whose code has this length and starts with `prefix` (a district's tambons). */
function featuresOf(geo: { features: unknown[] } | null | undefined, length: number, prefix: string): Feature[] {
  return (geo?.features ?? [])
    .filter(isAreaFeature)
    .filter((f) => f.properties.code.length === length && f.properties.code.startsWith(prefix));
}

type Props = Readonly<{ filter: NeedsFilter; onChange(filter: NeedsFilter): void }>;

/**
 * A choropleth of Saraburi's districts, or of one district's tambons, coloured by needs per 1,000 residents or by
 * count under the current filter. Clicking a district filters the grid to it and drills down; clicking a tambon
 * filters to that tambon. A name that would overlap another is left out (the larger area's is kept) and shows when its
 * area is hovered. Over one district's tambons, the needs under the filter that have a point (lat, lon) are drawn as
 * dots (the first 2,000; the caption says how many there are). The round's proposals that have a point are drawn as
 * diamonds: over the province all of them (the first 2,000), over a district those covering any of its tambons (or
 * the filter's tambon), so a project is seen beside the needs it answers.
 */
export function NeedsMap({ filter, onChange }: Props) {
  const { t } = useI18n();
  const x = t.needsExplorer.map;
  const names = useNames();
  const [measure, setMeasure] = useState<Measure>('per1000');
  const parent = filter.districtCode;
  const level = parent ? 'tambon' : 'district';
  const { districtCode: _d, tambonCode: _t, ...rest } = filter;
  const data = useQuery(
    'needs.choropleth',
    { ...rest, level, ...(parent ? { parent } : {}) },
    { refetchOn: ['needs.synced'] },
  ).data;
  // Both levels are asked for once, so a drill-down never draws the other level's shapes while the answer is on its way.
  const districtGeometry = useQuery('areas.geometry', { level: 'district' }, { refetchOn: ['areas.changed'] }).data;
  const tambonGeometry = useQuery('areas.geometry', { level: 'tambon' }, { refetchOn: ['areas.changed'] }).data;
  const geometry = level === 'district' ? districtGeometry : tambonGeometry;

  const features = useMemo(() => featuresOf(geometry, level === 'district' ? 4 : 6, parent ?? '19'), [geometry, level, parent]);
  // Registered under a name that changes with the shapes, so new boundaries are drawn, not a cached map.
  const mapName = `needs-${level}-${parent ?? '19'}-${features.length}`;
  const [registered, setRegistered] = useState('');
  useEffect(() => {
    if (features.length === 0) return;
    const collection: Collection = { type: 'FeatureCollection', features: withLabelPoints(features) };
    registerGeoJson(mapName, collection);
    setRegistered(mapName);
  }, [features, mapName]);

  // The points of the needs under the grid's filter (its district and tambon too), over one district's tambons.
  const pointsAnswer = useQuery('needs.points', parent ? { ...filter, limit: MAX_NEED_POINTS } : null, {
    refetchOn: ['needs.synced'],
  }).data;
  const points = useMemo(() => (parent ? (pointsAnswer?.points ?? []) : []), [parent, pointsAnswer]);
  const { round } = useSession();
  const proposalsAnswer = useQuery(
    'projects.points',
    round
      ? {
          roundId: round.id,
          ...(parent ? { districtCode: parent } : {}),
          ...(parent && filter.tambonCode ? { tambonCode: filter.tambonCode } : {}),
        }
      : null,
    { refetchOn: ['round.changed'] },
  ).data;
  const proposals = useMemo(() => proposalsAnswer?.points ?? [], [proposalsAnswer]);
  const located = points.length > 0 || proposals.length > 0;

  const areas = useMemo(() => data?.areas ?? [], [data]);
  // Tambons have no population figures until the province imports them: then the map counts needs.
  const hasPopulation = areas.some((a) => a.per1000 !== null);
  const shown: Measure = measure === 'per1000' && hasPopulation ? 'per1000' : 'count';
  const valueOf = useCallback((a: ChoroplethArea): number | null => (shown === 'per1000' ? a.per1000 : a.needs), [shown]);
  const areaName = useCallback(
    (code: string): string => (level === 'district' ? names.district(code) : names.tambon(code)),
    [level, names],
  );
  const labelSize = level === 'district' ? 12 : 10;
  const labels = useMapLabels(features, areaName, labelSize);

  const option = useMemo<ChartOption>(() => {
    const values = areas.map(valueOf).filter((v): v is number => v !== null);
    const byCode = new Map(areas.map((a) => [a.code, a]));
    return {
      textStyle: { fontFamily: FONT_FAMILY },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = Array.isArray(p) ? p[0] : p;
          const a = byCode.get(item?.name ?? '');
          if (!a) return item?.name ?? '';
          return x.tooltip(areaName(a.code), formatCount(a.needs), a.per1000 === null ? x.noPopulation : a.per1000.toFixed(2));
        },
      },
      visualMap: {
        min: 0,
        max: Math.max(1, ...values),
        left: 0,
        bottom: 8,
        calculable: true,
        text: [shown === 'per1000' ? x.per1000 : x.count, ''],
        inRange: { color: ['#e3f2fd', '#64b5f6', '#0d47a1'] },
        textStyle: { fontFamily: FONT_FAMILY },
        // The areas' colours only, not the points'.
        seriesIndex: 0,
      },
      // The points' coordinate system: the same map in the same box as the series, drawn under it and silent.
      ...(located
        ? {
            geo: {
              map: registered,
              top: 16,
              bottom: 56,
              silent: true,
              z: 0,
              label: { show: false },
              itemStyle: { areaColor: 'transparent', borderColor: 'transparent' },
            },
          }
        : {}),
      series: [
        {
          type: 'map',
          map: registered,
          nameProperty: 'code',
          top: 16,
          bottom: 56,
          selectedMode: false,
          label: {
            show: true,
            fontFamily: FONT_FAMILY,
            fontSize: labelSize,
            color: '#1a1a1a',
            textBorderColor: '#ffffff',
            textBorderWidth: 2,
            formatter: (p) => areaName(p.name),
          },
          emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffb74d' } },
          data: areas.map((a) => ({
            name: a.code,
            value: valueOf(a) ?? Number.NaN,
            // Only the names that fit; the others show when their area is hovered.
            label: { show: labels.shown?.has(a.code) ?? false },
            ...(a.code === filter.tambonCode ? { itemStyle: { borderColor: '#e65100', borderWidth: 3 } } : {}),
          })),
        },
        ...(points.length > 0
          ? [
              {
                type: 'scatter' as const,
                coordinateSystem: 'geo',
                geoIndex: 0,
                // Above the areas (the map series is drawn at z 2), drawn at once (up to 2,000 of them).
                z: 4,
                animation: false,
                symbolSize: 8,
                itemStyle: { color: '#e65100', borderColor: '#ffffff', borderWidth: 1 },
                tooltip: {
                  formatter: (p: { dataIndex: number }) => {
                    const point = points[p.dataIndex];
                    return point ? x.point(point.title, formatCount(point.people)) : '';
                  },
                },
                data: points.map((p) => ({ name: String(p.id), value: [p.lon, p.lat] })),
              },
            ]
          : []),
        ...(proposals.length > 0
          ? [
              {
                type: 'scatter' as const,
                coordinateSystem: 'geo',
                geoIndex: 0,
                // Above the needs' dots, told apart by shape and colour.
                z: 5,
                animation: false,
                symbol: 'diamond',
                symbolSize: 14,
                itemStyle: { color: '#2e7d32', borderColor: '#ffffff', borderWidth: 1.5 },
                tooltip: {
                  formatter: (p: { dataIndex: number }) => {
                    const proposal = proposals[p.dataIndex];
                    return proposal ? x.proposalPoint(proposal.code, proposal.title, formatSatang(proposal.requested)) : '';
                  },
                },
                data: proposals.map((p) => ({ name: p.code, value: [p.lon, p.lat] })),
              },
            ]
          : []),
      ],
    };
  }, [areas, valueOf, areaName, registered, labelSize, labels.shown, shown, filter.tambonCode, x, points, proposals]);

  // Where each area's centre is drawn (for tests and assistive overlays): code → [x, y] in the chart's pixels.
  const centres = useMemo(() => new Map(features.map((f) => [f.properties.code, centroid(f.geometry)] as const)), [features]);
  const [pixels, setPixels] = useState('');
  const placeLabels = labels.onFinished;
  const onFinished = useCallback(
    (chart: ECharts) => {
      const out: Record<string, Position> = {};
      for (const [code, c] of centres) {
        if (!c) continue;
        const px: unknown = chart.convertToPixel({ seriesIndex: 0 }, [c[0], c[1]]);
        if (Array.isArray(px) && typeof px[0] === 'number' && typeof px[1] === 'number') {
          out[code] = [Math.round(px[0]), Math.round(px[1])];
        }
      }
      const text = JSON.stringify(out);
      setPixels((old) => (old === text ? old : text));
      placeLabels(chart);
    },
    [centres, placeLabels],
  );

  const onClick = useCallback(
    (p: { name?: string }) => {
      const code = p.name ?? '';
      if (level === 'district' && /^19\d\d$/u.test(code)) onChange({ ...filter, districtCode: code, tambonCode: undefined });
      if (level === 'tambon' && /^19\d{4}$/u.test(code)) {
        onChange({ ...filter, tambonCode: filter.tambonCode === code ? undefined : code });
      }
    },
    [level, filter, onChange],
  );

  // Without imported boundaries: the same figures as bars, clickable the same way.
  const bars = useMemo<ChartOption>(
    () => ({
      textStyle: { fontFamily: FONT_FAMILY },
      grid: { left: 130, right: 24, top: 8, bottom: 24 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: areas.map((a) => areaName(a.code)),
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: 12 },
      },
      series: [{ type: 'bar', data: areas.map((a) => valueOf(a) ?? 0), itemStyle: { color: '#1d4e89' } }],
    }),
    [areas, areaName, valueOf],
  );
  const onBarClick = useCallback(
    (p: { dataIndex?: number }) => {
      const area = p.dataIndex === undefined ? undefined : areas[p.dataIndex];
      if (area) onClick({ name: area.code });
    },
    [areas, onClick],
  );

  const ready = registered === mapName && data !== undefined;
  return (
    <Paper variant="outlined" sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1 }} data-testid="needs-map-panel">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {parent ? x.district(names.district(parent)) : x.province}
        </Typography>
        {parent ? (
          <Button
            size="small"
            onClick={() => onChange({ ...filter, districtCode: undefined, tambonCode: undefined })}
            data-testid="needs-map-back"
          >
            {x.back}
          </Button>
        ) : null}
        <ToggleButtonGroup
          size="small"
          exclusive
          value={shown}
          onChange={(_e, v: Measure | null) => v && setMeasure(v)}
          sx={{ ml: 'auto' }}
        >
          <ToggleButton
            value="per1000"
            disabled={!hasPopulation}
            title={hasPopulation ? undefined : x.noPopulation}
            data-testid="needs-map-per1000"
          >
            {x.per1000}
          </ToggleButton>
          <ToggleButton value="count" data-testid="needs-map-count">
            {x.count}
          </ToggleButton>
        </ToggleButtonGroup>
      </Box>
      {geometry === null ? (
        <>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {x.noGeometry}
          </Typography>
          <EChart
            option={bars}
            height={Math.max(240, areas.length * 26 + 40)}
            testId="needs-map-bars"
            dataAttributes={{ level, parent: parent ?? '', measure: shown, areas: String(areas.length) }}
            onClick={onBarClick}
          />
        </>
      ) : ready ? (
        <EChart
          option={option}
          height={MAP_HEIGHT}
          testId="needs-map"
          dataAttributes={{
            level,
            parent: parent ?? '',
            measure: shown,
            centres: pixels,
            areas: String(areas.length),
            // The areas whose names are written (the others would overlap them).
            labels: [...(labels.shown ?? [])].sort().join(' '),
            points: String(points.length),
            proposals: String(proposals.length),
          }}
          onClick={onClick}
          onFinished={onFinished}
        />
      ) : (
        <Box sx={{ height: MAP_HEIGHT }} />
      )}
      {ready && points.length > 0 && pointsAnswer ? (
        <Typography variant="caption" sx={{ color: 'text.secondary' }} data-testid="needs-map-points">
          {x.points(formatCount(points.length), formatCount(pointsAnswer.total), points.length === pointsAnswer.total)}
        </Typography>
      ) : null}
      {ready && proposals.length > 0 && proposalsAnswer ? (
        <Typography variant="caption" sx={{ color: 'text.secondary' }} data-testid="needs-map-proposals">
          {x.proposalPoints(
            formatCount(proposals.length),
            formatCount(proposalsAnswer.total),
            proposals.length === proposalsAnswer.total,
          )}
        </Typography>
      ) : null}
      <Typography variant="caption" sx={{ color: 'text.secondary' }}>
        {x.hint}
      </Typography>
    </Paper>
  );
}
