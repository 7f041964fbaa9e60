/** Every handler, merged into one map; the compiler checks it covers the whole contract. */
import { allocationHandlers } from './allocation';
import { approvalHandlers } from './approval';
import { auditHandlers } from './audit';
import { appHandlers } from './app';
import { importTemplateHandlers } from './import-templates';
import { linksHandlers } from './links';
import { needsHandlers } from './needs';
import { pabulibHandlers } from './pabulib';
import { projectsHandlers } from './projects';
import { proposalsImportHandlers } from './proposals-import';
import { roundsHandlers } from './rounds';
import { scenariosHandlers } from './scenarios';
import { scoresHandlers } from './scores';
import { unmetHandlers } from './unmet';
import type { HandlerMap } from './types';
// Workshop sessions (issue 11)
import { workshopHandlers } from './workshop';
// The committee's judgement (issue 12)
import { judgementHandlers } from './judgement';
// Needs explorer (issue 9 item 8)
import { needsExplorerHandlers } from './needs-explorer';
// Needs sources and long syncs (issue 9 items 1 and 7)
import { needsSourcesHandlers } from './needs-sources';
// Official exports (issue 10 items 3–6)
import { exportsHandlers } from './exports';

export const handlers = {
  ...appHandlers,
  ...needsHandlers,
  ...roundsHandlers,
  ...projectsHandlers,
  ...proposalsImportHandlers,
  ...importTemplateHandlers,
  ...scoresHandlers,
  ...allocationHandlers,
  ...scenariosHandlers,
  ...pabulibHandlers,
  ...auditHandlers,
  ...unmetHandlers,
  ...linksHandlers,
  ...approvalHandlers,
  ...exportsHandlers,
  ...workshopHandlers,
  ...judgementHandlers,
  ...needsExplorerHandlers,
  ...needsSourcesHandlers,
} satisfies HandlerMap;
