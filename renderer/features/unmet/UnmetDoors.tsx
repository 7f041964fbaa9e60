import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { UnmetDoor } from '../../../shared/api/types';
import { formatCount, formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { UnmetExportButton } from './UnmetExportButton';

type Props = Readonly<{
  roundId: number;
  /** The district on screen ('' = the province): a door's export holds that district's needs. */
  districtCode: string;
  doors: readonly UnmetDoor[];
  selected: string;
  onSelect(door: string): void;
}>;

const KIND_COLOR = { province: 'secondary', agency: 'primary', local: 'success' } as const;

/** The doors (province, agencies, local governments) with their unmet needs, a filter and an export for each. */
export function UnmetDoors({ roundId, districtCode, doors, selected, onSelect }: Props) {
  const { lang, t } = useI18n();
  return (
    <Box>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, mb: 1 }}>
        {t.unmet.doorsTitle}
      </Typography>
      <Box sx={{ maxHeight: 520, overflowY: 'auto' }}>
        <Table size="small" stickyHeader data-testid="unmet-doors">
          <TableHead>
            <TableRow>
              <TableCell>{t.unmet.doorsTitle}</TableCell>
              <TableCell align="right">{t.unmet.needs}</TableCell>
              <TableCell align="right">{t.unmet.people}</TableCell>
              <TableCell align="right">{t.unmet.estimatedCost}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {doors.map((d) => (
              <TableRow
                key={d.key}
                hover
                selected={selected === d.key}
                data-testid={`unmet-door-${d.key}`}
                data-needs={d.needs}
                data-people={d.people}
              >
                <TableCell>
                  <Chip size="small" color={KIND_COLOR[d.kind]} label={t.unmet.doorKind[d.kind]} sx={{ mr: 1 }} />
                  {lang === 'th' ? d.nameTh : d.nameEn}
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatCount(d.needs)}
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatCount(d.people)}
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {d.estimated === 0 ? (
                    <span title={t.unmet.noEstimate}>—</span>
                  ) : d.estimated < d.needs ? (
                    <span title={t.unmet.someEstimated(d.estimated, d.needs)}>{formatSatang(d.estimatedCost)}*</span>
                  ) : (
                    formatSatang(d.estimatedCost)
                  )}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Button
                    size="small"
                    data-testid="unmet-door-show"
                    onClick={() => onSelect(selected === d.key ? '' : d.key)}
                    sx={{ mr: 1 }}
                  >
                    {selected === d.key ? t.unmet.clearFilter : t.unmet.showList}
                  </Button>
                  <UnmetExportButton roundId={roundId} door={d.key} districtCode={districtCode} testId="unmet-door-export" />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
