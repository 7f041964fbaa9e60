import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { UnmetSummary } from '../../../shared/api/types';
import { useSession } from '../../app/session-context';
import { useNames } from '../../app/use-names';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

type Props = Readonly<{ summary: UnmetSummary; onArea(code: string): void }>;

/**
 * Unmet needs by area (districts of the province, or tambons of one district) × category, shaded by count, with
 * row and column totals. Clicking a district opens it.
 */
export function UnmetHeat({ summary, onArea }: Props) {
  const { t } = useI18n();
  const names = useNames();
  const { categories } = useSession();
  const { rows, columns, max, byCell, rowTotals, columnTotals } = useMemo(() => {
    const cell = new Map(summary.cells.map((c) => [`${c.areaCode}|${c.category}`, c]));
    const areaCodes = [...new Set(summary.cells.map((c) => c.areaCode))].sort();
    const known = [...categories.keys()];
    const extra = [...new Set(summary.cells.map((c) => c.category))].filter((c) => !categories.has(c)).sort();
    const cols = [...known, ...extra];
    const rowTotal = new Map<string, number>();
    const colTotal = new Map<string, number>();
    for (const c of summary.cells) {
      rowTotal.set(c.areaCode, (rowTotal.get(c.areaCode) ?? 0) + c.needs);
      colTotal.set(c.category, (colTotal.get(c.category) ?? 0) + c.needs);
    }
    return {
      rows: areaCodes,
      columns: cols,
      max: Math.max(1, ...summary.cells.map((c) => c.needs)),
      byCell: cell,
      rowTotals: rowTotal,
      columnTotals: colTotal,
    };
  }, [summary, categories]);
  const byTambon = summary.districtCode !== null;
  const areaName = (code: string): string => (byTambon ? names.tambon(code) : names.district(code));

  return (
    <Box>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, mb: 1 }}>
        {t.unmet.heatTitle(byTambon ? t.unmet.levelTambon : t.unmet.levelDistrict)}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" stickyHeader data-testid="unmet-heat">
          <TableHead>
            <TableRow>
              <TableCell sx={{ minWidth: 130 }}>{t.unmet.area}</TableCell>
              {columns.map((c) => (
                <TableCell key={c} align="right" sx={{ minWidth: 76, fontSize: 12, lineHeight: 1.3 }}>
                  {names.category(c)}
                </TableCell>
              ))}
              <TableCell align="right" sx={{ fontWeight: 700 }}>
                {t.unmet.total}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((area) => (
              <TableRow key={area} hover data-testid={`unmet-heat-row-${area}`} data-value={rowTotals.get(area) ?? 0}>
                <TableCell>
                  {byTambon ? (
                    areaName(area)
                  ) : (
                    <Box
                      component="button"
                      type="button"
                      onClick={() => onArea(area)}
                      sx={{ all: 'unset', cursor: 'pointer', color: 'primary.main', textDecoration: 'underline' }}
                    >
                      {areaName(area)}
                    </Box>
                  )}
                </TableCell>
                {columns.map((c) => {
                  const v = byCell.get(`${area}|${c}`);
                  const share = (v?.needs ?? 0) / max;
                  return (
                    <TableCell
                      key={c}
                      align="right"
                      title={v ? t.unmet.heatCell(formatCount(v.needs), formatCount(v.people)) : undefined}
                      data-value={v?.needs ?? 0}
                      sx={{
                        fontVariantNumeric: 'tabular-nums',
                        bgcolor: v ? `rgba(192, 57, 43, ${(0.08 + 0.72 * share).toFixed(2)})` : undefined,
                        color: share > 0.6 ? 'common.white' : undefined,
                      }}
                    >
                      {v ? formatCount(v.needs) : ''}
                    </TableCell>
                  );
                })}
                <TableCell align="right" sx={{ fontWeight: 700 }}>
                  {formatCount(rowTotals.get(area) ?? 0)}
                </TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell sx={{ fontWeight: 700 }}>{t.unmet.total}</TableCell>
              {columns.map((c) => (
                <TableCell key={c} align="right" sx={{ fontWeight: 700 }}>
                  {formatCount(columnTotals.get(c) ?? 0)}
                </TableCell>
              ))}
              <TableCell align="right" sx={{ fontWeight: 700 }} data-testid="unmet-heat-total">
                {formatCount(summary.totals.needs)}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
