import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { KendallRow } from '../../../shared/api/judgement';
import type { Criterion } from '../../../shared/api/types';
import { useI18n } from '../../i18n/i18n-context';

/** Significance level the verdict uses. */
const ALPHA = 0.05;

/** Kendall's W per criterion with its chi-square test. */
export function KendallTable({ rows, criteria }: Readonly<{ rows: readonly KendallRow[]; criteria: readonly Criterion[] }>) {
  const { lang, t } = useI18n();
  const col = t.judgement.kendallCol;
  return (
    <Table size="small" data-testid="kendall-table">
      <TableHead>
        <TableRow>
          {[col.criterion, col.w, col.chi, col.df, col.p, col.raters, col.projects, col.verdict].map((h) => (
            <TableCell key={h}>{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(({ criterionId, result }) => {
          const c = criteria.find((x) => x.id === criterionId);
          return (
            <TableRow
              key={criterionId}
              data-testid={`kendall-${c?.code ?? criterionId}`}
              data-w={result ? result.w.toFixed(4) : ''}
            >
              <TableCell sx={{ minWidth: 160 }}>{c ? (lang === 'th' ? c.nameTh : c.nameEn) : criterionId}</TableCell>
              {result ? (
                <>
                  <TableCell>{result.w.toFixed(3)}</TableCell>
                  <TableCell>{result.chiSquare.toFixed(1)}</TableCell>
                  <TableCell>{result.degreesOfFreedom}</TableCell>
                  <TableCell>{result.pValue < 0.001 ? '< 0.001' : result.pValue.toFixed(3)}</TableCell>
                  <TableCell>{result.raters}</TableCell>
                  <TableCell>{result.objects}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={result.pValue < ALPHA ? 'success' : 'default'}
                      label={result.pValue < ALPHA ? t.judgement.significant : t.judgement.notSignificant}
                    />
                  </TableCell>
                </>
              ) : (
                <TableCell colSpan={7}>{t.judgement.kendallNone}</TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
