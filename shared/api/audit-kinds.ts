/**
 * Every kind of event the core appends to the audit trail. `appendAudit` takes only these, and each screen's label
 * dictionary is typed by them, so a kind logged without a Thai and an English label does not compile.
 */
export const AUDIT_KINDS = [
  // Rounds and their setup
  'round.created',
  'round.updated',
  'round.status_set',
  'round.archived',
  'round.restored',
  'round.ceiling_set',
  'round.development_issues_set',
  'round.criteria_set',
  'member.created',
  'member.updated',
  // Needs and reference data
  'needs.synced',
  'needs.pulled',
  'needs.source_added',
  'needs.source_removed',
  'reference.imported',
  'backup.restored',
  'sample.removed',
  // Proposals and their links to needs
  'proposal.created',
  'proposal.updated',
  'proposal.removed',
  'proposals.imported',
  'links.accept',
  'links.reject',
  'links.link',
  'links.unlink',
  // Scoring and the committee's judgement
  'score.set',
  'score.clear',
  'score.comment',
  'conflict.declare',
  'conflict.withdraw',
  'judgement.aggregation',
  'ranking.override',
  'ranking.override.withdraw',
  'sheet.export',
  'sheet.import',
  // Workshop sessions
  'workshop.opened',
  'workshop.closed',
  'workshop.participantSet',
  'workshop.participantRemoved',
  'workshop.codeIssued',
  'workshop.revealed',
  'workshop.hidden',
  'workshop.signedIn',
  'workshop.signedOut',
  // Scenarios, approval and exports
  'scenario.created',
  'scenario.updated',
  'scenario.deleted',
  'scenario.exported_pb',
  'plan.approved',
  'plan.reproduced',
  'plan.exported',
  'evidence.exported',
  'unmet.routeSet',
  'unmet.exported',
  'audit.exported',
  'audit.database_accepted',
  'audit.anchor_rekeyed',
] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number];
