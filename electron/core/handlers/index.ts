/** Every handler, merged into one map; the compiler checks it covers the whole contract. */
import { allocationHandlers } from './allocation';
import { auditHandlers } from './audit';
import { appHandlers } from './app';
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

export const handlers = {
  ...appHandlers,
  ...needsHandlers,
  ...roundsHandlers,
  ...projectsHandlers,
  ...proposalsImportHandlers,
  ...scoresHandlers,
  ...allocationHandlers,
  ...scenariosHandlers,
  ...pabulibHandlers,
  ...auditHandlers,
  ...unmetHandlers,
  ...linksHandlers,
} satisfies HandlerMap;
