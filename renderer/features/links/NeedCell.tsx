import Typography from '@mui/material/Typography';
import type { NeedSummary } from '../../../shared/domain/links/types';
import { useNames } from '../../app/use-names';
import { useI18n } from '../../i18n/i18n-context';

/** A need in a table: its request, and below it the village, tambon and category. */
export function NeedCell(props: { need: NeedSummary }) {
  const { t } = useI18n();
  const names = useNames();
  const n = props.need;
  return (
    <>
      <Typography variant="body2">{n.title}</Typography>
      <Typography variant="caption" sx={{ color: 'text.secondary' }}>
        {t.links.village(n.villageNo, names.tambon(n.tambonCode))} · {names.category(n.category)}
      </Typography>
      {n.status === 'withdrawn' ? (
        <Typography component="span" variant="caption" sx={{ color: 'warning.main', ml: 1 }}>
          {t.links.withdrawn}
        </Typography>
      ) : null}
    </>
  );
}
