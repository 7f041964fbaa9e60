import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';

/** One headline figure: a label and a large value, with the raw value exposed for tests. */
export function FigureCard(props: {
  label: string;
  text: string;
  value: number | string | null | undefined;
  testId: string;
  hint?: string;
  sx?: SxProps<Theme>;
}) {
  return (
    <Card variant="outlined" title={props.hint} sx={props.sx}>
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {props.label}
        </Typography>
        <Typography
          variant="h6"
          data-testid={props.testId}
          data-value={props.value ?? ''}
          sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}
        >
          {props.text}
        </Typography>
      </CardContent>
    </Card>
  );
}
