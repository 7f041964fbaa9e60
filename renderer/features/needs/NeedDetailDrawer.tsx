import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { NeedDetail } from '../../../shared/api/needs-explorer';
import { useNames } from '../../app/use-names';
import { useQuery } from '../../app/use-query';
import { formatCount, formatSatang, formatShortDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { useChangeLabels } from './change-labels';

type Props = Readonly<{ needId: number | null; onClose(): void }>;

/** A need's every field, its versions across syncs (field by field) and the proposals it is linked to. */
export function NeedDetailDrawer({ needId, onClose }: Props) {
  const { t } = useI18n();
  const detail = useQuery('needs.detail', needId === null ? null : { needId }, { refetchOn: ['needs.synced', 'links.changed'] });
  const shown = needId !== null && detail.data?.need.id === needId ? detail.data : undefined;
  return (
    <Drawer anchor="right" open={needId !== null} onClose={onClose}>
      <Box sx={{ width: { xs: '100vw', sm: 560 }, p: 2 }} data-testid="need-detail" data-need={needId ?? ''}>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            {t.needsExplorer.detail.title}
          </Typography>
          <Button onClick={onClose} data-testid="need-detail-close">
            {t.needsExplorer.detail.close}
          </Button>
        </Stack>
        {shown ? <DetailBody detail={shown} /> : null}
      </Box>
    </Drawer>
  );
}

function DetailBody({ detail }: { detail: NeedDetail }) {
  const { lang, t } = useI18n();
  const x = t.needsExplorer.detail;
  const c = t.needs.col;
  const names = useNames();
  const { label, value } = useChangeLabels();
  const n = detail.need;
  const tpmapNames: Readonly<Record<string, string>> = t.needsExplorer.tpmapName;
  const rows: [string, string][] = [
    [c.externalId, n.externalId],
    [c.title, n.title],
    [x.description, n.description],
    [c.category, names.category(n.category)],
    [x.tpmap, n.tpmap === null ? '—' : (tpmapNames[n.tpmap] ?? n.tpmap)],
    [c.district, names.district(n.districtCode)],
    [c.tambon, `${names.tambon(n.tambonCode)} (${n.tambonCode})`],
    [c.villageNo, n.villageNo === null ? '—' : String(n.villageNo)],
    [c.households, formatCount(n.households)],
    [c.peopleAffected, formatCount(n.peopleAffected)],
    [c.timesRaised, formatCount(n.timesRaised)],
    [c.channel, names.channel(n.channel)],
    [c.reportedDate, formatShortDate(n.reportedDate, lang) || '—'],
    [c.status, t.needs.status[n.status]],
    [c.estimatedCost, n.estimatedCost === null ? '—' : formatSatang(n.estimatedCost)],
    [x.location, n.lat === null || n.lon === null ? '—' : `${n.lat}, ${n.lon}`],
    [x.source, n.source],
    [x.version, String(n.version)],
    [c.updatedAt, formatShortDate(n.updatedAt, lang)],
  ];
  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="subtitle2" component="h3">
          {x.fields}
        </Typography>
        <Table size="small" data-testid="need-detail-fields">
          <TableBody>
            {rows.map(([k, v]) => (
              <TableRow key={k}>
                <TableCell sx={{ width: 190, color: 'text.secondary', verticalAlign: 'top' }}>{k}</TableCell>
                <TableCell sx={{ wordBreak: 'break-word' }}>{v}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Divider />
      <Box data-testid="need-detail-versions" data-count={detail.versions.length}>
        <Typography variant="subtitle2" component="h3">
          {x.versions}
        </Typography>
        {detail.versions.length === 0 ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {x.noVersions}
          </Typography>
        ) : (
          [...detail.versions].reverse().map((v) => (
            <Box key={v.batchId} sx={{ py: 0.75 }} data-testid="need-version" data-kind={v.kind}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Chip size="small" label={t.needsImport.kind[v.kind]} />
                <Typography variant="body2">
                  {x.version} {v.version} · {formatShortDate(v.at, lang)} · {x.batch(v.batchId, v.fileName)}
                </Typography>
              </Stack>
              {v.fields.map((f) => (
                <Typography key={f.field} variant="body2" sx={{ pl: 2 }} data-testid="need-version-field" data-field={f.field}>
                  {label(f.field)}: {value(f.field, f.before)} → {value(f.field, f.after)}
                </Typography>
              ))}
            </Box>
          ))
        )}
      </Box>
      <Divider />
      <Box data-testid="need-detail-proposals" data-count={detail.proposals.length}>
        <Typography variant="subtitle2" component="h3">
          {x.proposals}
        </Typography>
        {detail.proposals.length === 0 ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {x.noProposals}
          </Typography>
        ) : (
          detail.proposals.map((p) => (
            <Stack key={p.projectId} direction="row" spacing={1} sx={{ alignItems: 'center', py: 0.5 }}>
              <Link href={`#/links?project=${p.projectId}`} underline="hover" data-testid="need-proposal">
                {p.code}
              </Link>
              <Typography variant="body2" sx={{ flex: 1 }}>
                {p.title} · {t.app.fiscalYear(p.fiscalYear)} · {x.coverage((p.coverage * 100).toFixed(0))}
              </Typography>
              {p.evidenceChanged ? <Chip size="small" color="warning" label={t.projects.evidenceChanged} /> : null}
            </Stack>
          ))
        )}
      </Box>
      <Divider />
      <Box>
        <Typography variant="subtitle2" component="h3">
          {x.raw}
        </Typography>
        <Box
          component="pre"
          data-testid="need-detail-raw"
          sx={{ fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', bgcolor: 'grey.100', p: 1, borderRadius: 1 }}
        >
          {prettyJson(n.raw)}
        </Box>
      </Box>
    </Stack>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
