import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { SuggestionsView } from '../../../shared/domain/links/types';
import { useNames } from '../../app/use-names';
import { NeedCell } from './NeedCell';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { percent } from './ProposalPicker';

/**
 * The needs suggested for a proposal with why (same tambon, same category, shared words) and how well they fit;
 * the owner accepts or rejects them one by one or the selected ones together.
 */
export function SuggestionsPanel(props: {
  view: SuggestionsView | undefined;
  canEdit: boolean;
  busy: boolean;
  onAccept: (needIds: number[]) => void;
  onReject: (needIds: number[]) => void;
}) {
  const { t } = useI18n();
  const names = useNames();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const suggestions = props.view?.suggestions ?? [];
  const key = suggestions.map((s) => s.need.id).join(',');
  // A new list (another proposal, or after accepting) starts with nothing selected.
  useEffect(() => setSelected(new Set()), [key]);
  const toggle = (id: number): void =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const all = suggestions.length > 0 && selected.size === suggestions.length;
  const c = t.links.col;
  return (
    <Box data-testid="links-suggestions" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t.links.suggestions}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t.links.inferred}:
        </Typography>
        {props.view && props.view.categories.length === 0 ? <Chip size="small" label={t.links.noCategory} /> : null}
        {props.view?.categories.map((cat) => (
          <Chip key={cat} size="small" color="primary" variant="outlined" label={names.category(cat)} />
        ))}
        {props.canEdit ? (
          <Box sx={{ ml: 'auto', display: 'flex', gap: 1 }}>
            <Button
              size="small"
              variant="contained"
              disabled={selected.size === 0 || props.busy}
              onClick={() => props.onAccept([...selected])}
              data-testid="links-accept-selected"
            >
              {t.links.acceptSelected(selected.size)}
            </Button>
            <Button
              size="small"
              variant="outlined"
              color="warning"
              disabled={selected.size === 0 || props.busy}
              onClick={() => props.onReject([...selected])}
              data-testid="links-reject-selected"
            >
              {t.links.rejectSelected(selected.size)}
            </Button>
          </Box>
        ) : null}
      </Box>
      {props.view && suggestions.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="links-no-suggestions">
          {t.links.noSuggestions}
        </Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              {props.canEdit ? (
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={all}
                    indeterminate={selected.size > 0 && !all}
                    onChange={() => setSelected(all ? new Set() : new Set(suggestions.map((s) => s.need.id)))}
                    slotProps={{ input: { 'aria-label': t.links.selectAll } }}
                  />
                </TableCell>
              ) : null}
              <TableCell sx={{ minWidth: 240 }}>{c.need}</TableCell>
              <TableCell align="right">{c.people}</TableCell>
              <TableCell align="right">{c.timesRaised}</TableCell>
              <TableCell>{c.reasons}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {c.score}
              </TableCell>
              {props.canEdit ? <TableCell>{c.actions}</TableCell> : null}
            </TableRow>
          </TableHead>
          <TableBody>
            {suggestions.map((s) => (
              <TableRow key={s.need.id} data-testid="links-suggestion" data-need-id={s.need.id} data-people={s.need.people} hover>
                {props.canEdit ? (
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={selected.has(s.need.id)}
                      onChange={() => toggle(s.need.id)}
                      slotProps={{ input: { 'aria-label': t.links.select(s.need.title) } }}
                    />
                  </TableCell>
                ) : null}
                <TableCell>
                  <NeedCell need={s.need} />
                </TableCell>
                <TableCell align="right">{formatCount(s.need.people)}</TableCell>
                <TableCell align="right">{formatCount(s.need.timesRaised)}</TableCell>
                <TableCell>
                  <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                    {s.reasons.sameTambon ? <Chip size="small" label={t.links.reason.sameTambon} /> : null}
                    {s.reasons.sameCategory ? <Chip size="small" label={t.links.reason.sameCategory} /> : null}
                    {s.reasons.sharedWords.length > 0 ? (
                      <Chip size="small" variant="outlined" label={t.links.reason.sharedWords(s.reasons.sharedWords.join(' '))} />
                    ) : null}
                    {s.distanceKm !== undefined ? (
                      <Chip
                        size="small"
                        variant="outlined"
                        color="success"
                        data-testid="links-distance"
                        label={t.links.reason.distance(s.distanceKm.toFixed(s.distanceKm < 10 ? 1 : 0))}
                      />
                    ) : null}
                  </Box>
                </TableCell>
                <TableCell align="right" data-testid="links-score">
                  {percent(s.score)}
                </TableCell>
                {props.canEdit ? (
                  <TableCell>
                    <Button
                      size="small"
                      disabled={props.busy}
                      onClick={() => props.onAccept([s.need.id])}
                      data-testid="links-accept"
                    >
                      {t.links.accept}
                    </Button>
                    <Button
                      size="small"
                      color="warning"
                      disabled={props.busy}
                      onClick={() => props.onReject([s.need.id])}
                      data-testid="links-reject"
                    >
                      {t.links.reject}
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
