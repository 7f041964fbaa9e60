/** Every handler, merged into one map; the compiler checks it covers the whole contract. */
import { allocationHandlers } from './allocation';
import { auditHandlers } from './audit';
import { appHandlers } from './app';
import { needsHandlers } from './needs';
import { pabulibHandlers } from './pabulib';
import { roundsHandlers } from './rounds';
import { scenariosHandlers } from './scenarios';
import { scoresHandlers } from './scores';
import type { HandlerMap } from './types';

export const handlers = {
  ...appHandlers,
  ...needsHandlers,
  ...roundsHandlers,
  ...scoresHandlers,
  ...allocationHandlers,
  ...scenariosHandlers,
  ...pabulibHandlers,
  ...auditHandlers,
} satisfies HandlerMap;
