import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useDebounced } from '../../app/use-debounced';
import { useQuery } from '../../app/use-query';
import { SearchField } from '../../components/SearchField';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { NeedCell } from './NeedCell';

const SHOWN = 15;

/**
 * Manual linking: the secretariat finds any active need by its id or words (in the proposal's district first when it
 * has one) and links it, when the suggestions missed it.
 */
export function ManualLinkPanel(props: {
  districtCode: string | null;
  linkedIds: ReadonlySet<number>;
  busy: boolean;
  onLink: (needId: number) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 250);
  const found = useQuery(
    'needs.list',
    term.length >= 2
      ? {
          offset: 0,
          limit: SHOWN,
          search: term,
          status: 'active',
          ...(props.districtCode ? { districtCode: props.districtCode } : {}),
        }
      : null,
  );
  const rows = (found.data?.rows ?? []).filter((n) => !props.linkedIds.has(n.id));
  return (
    <Box data-testid="links-manual" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {t.links.manual.title}
      </Typography>
      <SearchField label={t.links.manual.search} value={search} onChange={setSearch} testId="links-manual-search" />
      {term.length >= 2 && found.data && rows.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t.links.manual.none}
        </Typography>
      ) : null}
      {rows.length > 0 ? (
        <Table size="small">
          <TableBody>
            {rows.map((n) => (
              <TableRow key={n.id} data-testid="links-manual-row" data-need-id={n.id} hover>
                <TableCell>
                  <NeedCell
                    need={{
                      id: n.id,
                      title: n.title,
                      category: n.category,
                      tambonCode: n.tambonCode,
                      villageNo: n.villageNo,
                      people: n.peopleAffected,
                      households: n.households,
                      timesRaised: n.timesRaised,
                      estimatedCost: n.estimatedCost,
                      status: n.status,
                    }}
                  />
                </TableCell>
                <TableCell align="right">{formatCount(n.peopleAffected)}</TableCell>
                <TableCell align="right">
                  <Button size="small" disabled={props.busy} onClick={() => props.onLink(n.id)} data-testid="links-manual-link">
                    {t.links.manual.link}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Box>
  );
}
