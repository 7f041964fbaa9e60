import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ProjectLinksView } from '../../../shared/domain/links/types';
import { NeedCell } from './NeedCell';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

/** The needs linked to a proposal, where they came from, and (for the owner) unlink. */
export function LinkedNeedsPanel(props: {
  view: ProjectLinksView;
  canEdit: boolean;
  busy: boolean;
  onUnlink: (needId: number) => void;
}) {
  const { t } = useI18n();
  const c = t.links.col;
  return (
    <Box data-testid="links-linked" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {t.links.linked} ({formatCount(props.view.linkedTotal)})
      </Typography>
      {props.view.linkedTotal > props.view.linked.length ? (
        <Typography variant="body2" data-testid="links-linked-more" sx={{ color: 'text.secondary' }}>
          {t.links.linkedShowing(formatCount(props.view.linked.length), formatCount(props.view.linkedTotal))}{' '}
          <Link href={`#/needs?project=${props.view.projectId}`} data-testid="links-linked-all">
            {t.links.linkedAll}
          </Link>
        </Typography>
      ) : null}
      {props.view.linked.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t.links.noLinked}
        </Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{c.need}</TableCell>
              <TableCell align="right">{c.people}</TableCell>
              <TableCell align="right">{c.households}</TableCell>
              <TableCell align="right">{c.timesRaised}</TableCell>
              <TableCell>{c.origin}</TableCell>
              {props.canEdit ? <TableCell>{c.actions}</TableCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {props.view.linked.map((n) => (
              <TableRow key={n.id} data-testid="links-linked-row" data-need-id={n.id} hover>
                <TableCell>
                  <NeedCell need={n} />
                </TableCell>
                <TableCell align="right">{formatCount(n.people)}</TableCell>
                <TableCell align="right">{formatCount(n.households)}</TableCell>
                <TableCell align="right">{formatCount(n.timesRaised)}</TableCell>
                <TableCell>{t.links.origin[n.origin]}</TableCell>
                {props.canEdit ? (
                  <TableCell>
                    <Button
                      size="small"
                      color="warning"
                      disabled={props.busy}
                      onClick={() => props.onUnlink(n.id)}
                      data-testid="links-unlink"
                    >
                      {t.links.unlink}
                    </Button>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
