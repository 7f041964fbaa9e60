import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type { ProjectRow } from '../../../shared/api/types';
import type { RoundSuggestionItem } from '../../../shared/domain/links/suggest-round';
import { SearchField } from '../../components/SearchField';
import { useI18n } from '../../i18n/i18n-context';

/** At most this many proposals are listed; the search narrows the rest. */
const SHOWN = 200;

/** The round's proposals, searchable by code or name; those without any linked need are marked. */
export function ProposalPicker(props: {
  projects: readonly ProjectRow[] | undefined;
  selected: number | null;
  onSelect: (projectId: number) => void;
  /** The round-wide suggestions, when run. */
  suggested: ReadonlyMap<number, RoundSuggestionItem> | null;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const matching = useMemo(() => {
    const q = search.trim().toLowerCase();
    const all = [...(props.projects ?? [])].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return q === '' ? all : all.filter((p) => p.code.toLowerCase().includes(q) || p.title.toLowerCase().includes(q));
  }, [props.projects, search]);
  const shown = matching.slice(0, SHOWN);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0, height: '100%' }}>
      <SearchField label={t.links.search} value={search} onChange={setSearch} testId="links-search" />
      <Typography variant="caption" sx={{ color: 'text.secondary' }}>
        {t.links.showing(shown.length, matching.length)}
      </Typography>
      <List
        dense
        data-testid="links-proposals"
        sx={{ overflow: 'auto', flex: 1, border: 1, borderColor: 'divider', borderRadius: 1 }}
      >
        {shown.map((p) => {
          const top = props.suggested?.get(p.id)?.top;
          return (
            <ListItemButton
              key={p.id}
              selected={p.id === props.selected}
              onClick={() => props.onSelect(p.id)}
              data-testid={`links-proposal-${p.code}`}
              data-need-count={p.needCount}
            >
              <ListItemText
                primary={`${p.code} ${p.title}`}
                secondary={
                  <Box component="span" sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
                    {p.needCount === 0 ? (
                      <Chip size="small" color="warning" label={t.links.noEvidence} data-testid="links-no-evidence" />
                    ) : (
                      <Chip size="small" variant="outlined" label={t.links.linkedCount(p.needCount)} />
                    )}
                    {top && top.length > 0 ? (
                      <Chip
                        size="small"
                        color="info"
                        variant="outlined"
                        label={t.links.topSuggestion(top.length, percent(top[0]!.score))}
                      />
                    ) : null}
                  </Box>
                }
                slotProps={{ primary: { noWrap: true, title: p.title }, secondary: { component: 'div' } }}
              />
            </ListItemButton>
          );
        })}
      </List>
    </Box>
  );
}

/** A score in [0, 1] as a whole percentage. */
export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}
