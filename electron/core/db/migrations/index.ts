/** The static, monotonic list of migrations. A migration never imports app code. */
import type { Kysely } from 'kysely';
import { up as initial } from './001-initial';
import { up as audit } from './002-audit';
import { up as scenarios } from './003-scenarios';
import { up as importMappings } from './004-import';
import { up as roundSetup } from './005-round-setup';
import { up as needChanges } from './006-need-changes';
import { up as proposals } from './007-proposals';
import { up as approval } from './008-approval';
import { up as workshop } from './009-workshop';
import { up as judgement } from './010-judgement';
import { up as needsSources } from './011-needs-sources';
import { up as needsSearch } from './012-needs-search';
import { up as rules } from './013-rules';
import { up as needsSearchBatched } from './014-needs-search-batched';
import { up as needVillages } from './015-need-villages';
import { up as needSortOrders } from './016-need-sort-orders';
import { up as agencyPriority } from './017-agency-priority';
import { up as databaseIdentity } from './018-database-identity';
import { up as rowsAsPeople } from './019-rows-as-people';
import { up as proposalPoint } from './020-proposal-point';

export type Migration = Readonly<{
  version: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see 001-initial
  up: (db: Kysely<any>) => Promise<void>;
}>;

export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'audit', up: audit },
  { version: 3, name: 'scenarios', up: scenarios },
  { version: 4, name: 'import', up: importMappings },
  { version: 5, name: 'round-setup', up: roundSetup },
  { version: 6, name: 'need-changes', up: needChanges },
  { version: 7, name: 'proposals', up: proposals },
  { version: 8, name: 'approval', up: approval },
  { version: 9, name: 'workshop', up: workshop },
  { version: 10, name: 'judgement', up: judgement },
  { version: 11, name: 'needs-sources', up: needsSources },
  { version: 12, name: 'needs-search', up: needsSearch },
  { version: 13, name: 'rules', up: rules },
  { version: 14, name: 'needs-search-batched', up: needsSearchBatched },
  { version: 15, name: 'need-villages', up: needVillages },
  { version: 16, name: 'need-sort-orders', up: needSortOrders },
  { version: 17, name: 'agency-priority', up: agencyPriority },
  { version: 18, name: 'database-identity', up: databaseIdentity },
  { version: 19, name: 'rows-as-people', up: rowsAsPeople },
  { version: 20, name: 'proposal-point', up: proposalPoint },
];
