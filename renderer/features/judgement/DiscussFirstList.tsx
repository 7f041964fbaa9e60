import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import type { JudgementView } from '../../../shared/api/judgement';
import { useI18n } from '../../i18n/i18n-context';

/** The projects with the most disagreement, to discuss first. */
export function DiscussFirstList({ items }: Readonly<{ items: JudgementView['discussFirst'] }>) {
  const { t } = useI18n();
  return (
    <List dense data-testid="discuss-first" sx={{ maxHeight: 360, overflow: 'auto' }}>
      {items.slice(0, 15).map((p, i) => (
        <ListItem key={p.projectId} data-testid={`discuss-${p.code}`}>
          <ListItemText
            primary={`${i + 1}. ${p.code} ${p.title}`}
            secondary={`${t.judgement.col.rank} ${p.rank} · ${(p.spread * 100).toFixed(0)}%`}
          />
        </ListItem>
      ))}
    </List>
  );
}
