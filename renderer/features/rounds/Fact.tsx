import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** A labelled figure of a header or a status line (caption above, value in bold). */
export function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Box>
      <Typography variant="caption" sx={{ color: 'text.secondary', display: 'block' }}>
        {label}
      </Typography>
      <Typography data-testid={testId} sx={{ fontWeight: 600 }}>
        {value}
      </Typography>
    </Box>
  );
}
