import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import type { ApiError, InputProblem } from '../../../shared/api/errors';
import { problemPlaceKind } from '../../../shared/domain/import/problems';
import { errorText, useI18n } from '../../i18n/i18n-context';

/** A long list helps nobody in an alert; the first ones show where the file is wrong. */
const SHOWN_PROBLEMS = 50;

/** A refused file's error and its first problems, each at its row (a table's) or line (a feed's: `fileName` tells). */
export function SyncRejectedAlert({ error, fileName, onClose }: { error: ApiError; fileName: string; onClose(): void }) {
  const { lang, t } = useI18n();
  const problems = error.problems ?? [];
  return (
    <Alert severity="error" data-testid="sync-error" data-code={error.code} onClose={onClose}>
      <AlertTitle>{t.needs.rejectedTitle}</AlertTitle>
      <Typography variant="body2" data-testid="sync-error-message">
        {errorText(error, lang)}
      </Typography>
      {problems.length > 0 ? (
        <Typography component="ul" variant="body2" sx={{ m: 0, mt: 1, pl: 2.5, maxHeight: 240, overflow: 'auto' }}>
          {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
            <li key={i} data-testid="sync-problem" data-line={p.line}>
              <ProblemText problem={p} fileName={fileName} />
            </li>
          ))}
          {problems.length > SHOWN_PROBLEMS ? <li>{t.needs.moreProblems(problems.length - SHOWN_PROBLEMS)}</li> : null}
        </Typography>
      ) : null}
    </Alert>
  );
}

function ProblemText({ problem, fileName }: { problem: InputProblem; fileName: string }) {
  const { lang, t } = useI18n();
  const place = t.needs.problemAt(problemPlaceKind(fileName, problem), problem.line);
  const where = [place, problem.column ? t.needs.problemColumn(problem.column) : null].filter(Boolean).join(', ');
  return (
    <>
      <strong>{where}</strong>: {lang === 'th' ? problem.th : problem.en}
    </>
  );
}
