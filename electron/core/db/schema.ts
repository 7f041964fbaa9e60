/** Kysely table types for the current schema version. Money columns are integer satang. */
import type { Generated } from 'kysely';
import type { Aggregation } from '../../../shared/domain/judgement/aggregation';

export type DB = {
  setting: { key: string; value: string };
  area_district: {
    code: string;
    name_th: string;
    name_en: string;
    population: number | null;
    geometry_json: string | null;
  };
  area_tambon: {
    code: string;
    district_code: string;
    name_th: string;
    name_en: string;
    population: number | null;
    geometry_json: string | null;
  };
  category: { id: string; name_th: string; name_en: string; tpmap: string | null; sort: number };
  sync_batch: {
    id: Generated<number>;
    source: string;
    file_name: string;
    file_hash: string;
    started_at: string;
    finished_at: string;
    new_count: number;
    changed_count: number;
    withdrawn_count: number;
    unchanged_count: number;
    rejected_count: number;
    actor: string;
    /** 1 when only the valid rows of the file were applied (the user chose it). */
    partial: Generated<number>;
    /** Rows read as one person each who raised its need (the user's choice; migration 19), 0 when none. */
    rows_as_people: Generated<number>;
  };
  import_mapping: { target: string; source_key: string; mapping_json: string; updated_at: string };
  need_change: { batch_id: number; need_id: number; kind: 'new' | 'changed' | 'withdrawn'; before_json: string | null };
  // Needs sources (migration 11): HTTPS feeds per round and the cursor of the last page applied; see sync/https-pull.ts.
  needs_source: {
    id: Generated<number>;
    round_id: number | null;
    name: string;
    url: string;
    source_key: string;
    cursor: string | null;
    etag: string | null;
    pages: Generated<number>;
    last_run_at: string | null;
    last_ok: number | null;
    last_result_json: string | null;
    created_at: string;
  };
  need: {
    id: Generated<number>;
    source: string;
    external_id: string;
    version: number;
    updated_at: string;
    title: string;
    description: string;
    category: string;
    tpmap: string | null;
    tambon_code: string;
    village_no: number | null;
    households: number;
    people_affected: number;
    times_raised: number;
    channel: string;
    reported_date: string | null;
    status: 'active' | 'withdrawn';
    lat: number | null;
    lon: number | null;
    estimated_cost: number | null;
    raw_json: string;
    batch_id: number | null;
  };
  /** Needs explorer (migration 012): FTS5 trigram index of need titles, kept by triggers; rowid = need.id. */
  need_search: { rowid: number; title: string };
  round: {
    id: Generated<number>;
    name: string;
    fiscal_year: number;
    ceiling: number;
    status: 'preparing' | 'in_session' | 'approved' | 'closed';
    aggregation: Aggregation;
    /** JSON array of the planning levels in scope ('province' | 'agency' | 'local'). */
    levels_json: Generated<string>;
    archived_at: string | null;
    demo: Generated<number>;
    /** The AHP pairwise comparison the criteria weights came from (JSON), if any. */
    ahp_json: string | null;
  };
  development_issue: {
    id: Generated<number>;
    round_id: number;
    no: number;
    title_th: string;
    title_en: Generated<string>;
    /** JSON array of approach titles (แนวทางการพัฒนา). */
    approaches_json: Generated<string>;
    national_strategy: number | null;
    /** JSON array of master plan numbers (1–23). */
    master_plans_json: Generated<string>;
  };
  criterion: {
    id: Generated<number>;
    round_id: number;
    code: string;
    name_th: string;
    name_en: string;
    weight: number;
    scale_min: number;
    scale_max: number;
    kind: 'member' | 'computed';
    sort: number;
    direction: Generated<'benefit' | 'cost'>;
    source: 'people' | 'cost_per_person' | 'times_raised' | 'area_share' | null;
  };
  member: {
    id: Generated<number>;
    round_id: number;
    name: string;
    title_th: string;
    title_en: string;
    agency: Generated<string>;
    role: Generated<'chair' | 'member' | 'secretariat'>;
    active: Generated<number>;
  };
  project: {
    id: Generated<number>;
    round_id: number;
    code: string;
    title: string;
    agency: string;
    level: 'province' | 'agency' | 'local';
    strategy: string;
    /** The one district the proposal lies in; null when it spans several districts or the whole province. */
    district_code: string | null;
    scope: Generated<'tambons' | 'district' | 'province'>;
    operating: Generated<number>;
    investment: Generated<number>;
    /** operating + investment (checked by the table). */
    requested: number;
    /** requested when the proposal states no minimum (min_stated = 0). */
    min_amount: number;
    min_stated: Generated<number>;
    people: number | null;
    households: number | null;
    /** The agency's own ranking of its proposals (ลำดับความสำคัญ, 1 = most important); null when none was given. */
    agency_priority: number | null;
    /** Where it is carried out, in degrees (migration 20): both or neither. */
    lat: number | null;
    lon: number | null;
    /** Legacy free text (sample data). */
    readiness: Generated<string>;
    /** JSON array of the readiness checklist items met (keys of READINESS_ITEMS). */
    readiness_json: Generated<string>;
    /** JSON array of {name, target, unit}. */
    kpis_json: Generated<string>;
    description: Generated<string>;
    evidence_changed: Generated<number>;
    changed_after_scoring: Generated<number>;
    development_issue_no: number | null;
    version: Generated<number>;
    updated_at: string | null;
  };
  project_area: { project_id: number; tambon_code: string };
  project_need: {
    project_id: number;
    need_id: number;
    coverage: number;
    origin: Generated<'seed' | 'manual' | 'suggestion'>;
    linked_at: string | null;
  };
  link_rejection: { project_id: number; need_id: number; at: string; actor: string };
  project_batch: {
    id: Generated<number>;
    round_id: number;
    file_name: string;
    file_hash: string;
    at: string;
    actor: string;
    new_count: number;
    changed_count: number;
    unchanged_count: number;
    rejected_count: number;
    partial: Generated<number>;
  };
  agency_route: { round_id: number; category: string; agency: string };
  score: {
    member_id: number;
    project_id: number;
    criterion_id: number;
    value: number;
    version: number;
    updated_at: string;
  };
  // The committee's judgement (migration 10): comments, cleared scores, conflicts, aggregation, overrides; see docs/judgement.md.
  score_comment: { member_id: number; project_id: number; criterion_id: number; comment: string; updated_at: string };
  score_cleared: { member_id: number; project_id: number; criterion_id: number; version: number; cleared_at: string };
  conflict_of_interest: { member_id: number; project_id: number; reason: string; declared_at: string; actor: string };
  criterion_aggregation: { criterion_id: number; aggregation: Aggregation };
  member_weight: { member_id: number; weight: number };
  ranking_override: {
    id: Generated<number>;
    round_id: number;
    project_id: number;
    kind: 'move' | 'include' | 'exclude';
    position: number | null;
    reason: string;
    requested_by: number;
    at: string;
    actor: string;
    withdrawn_at: string | null;
  };
  scenario: {
    id: Generated<number>;
    round_id: number;
    name: string;
    /** A rule of the registry (shared/domain/allocation/rules); since migration 13 the app checks it, not a CHECK. */
    rule: string;
    params_json: string;
    locks_json: string;
    parent_id: number | null;
    created_at: string;
    updated_at: string;
  };
  // Migration 18: a random id made once per database (audit/anchor.ts); one row, never changed.
  database_identity: {
    singleton: number;
    id: string;
    created_at: string;
  };
  audit_event: {
    id: Generated<number>;
    at: string;
    actor: string;
    kind: string;
    payload_json: string;
    prev_hash: string;
    hash: string;
  };
  // Approval (migration 8): an approved scenario, frozen with its inputs; append-only, see services/approval.ts.
  approval: {
    id: Generated<number>;
    scenario_id: number;
    round_id: number;
    resolution_no: string;
    /** ISO date (Christian era) of the meeting; shown in the Buddhist era. */
    resolution_date: string;
    approved_by: string;
    /** JSON array of {memberId, name, titleTh, role}. */
    members_present_json: string;
    approved_at: string;
    actor: string;
    /** JSON object part name → SHA-256 of that part's canonical JSON. */
    manifest_json: string;
    manifest_sha256: string;
    chain_length: number;
    chain_head: string;
    code_version: string;
    supersedes: number | null;
  };
  approval_part: { approval_id: number; part: string; content_json: string; sha256: string };
  // Workshop sessions (migration 9): sessions, participants and hashed sign-in tokens; see services/workshop.ts.
  workshop_session: {
    id: Generated<number>;
    round_id: number;
    pin: string;
    address: string;
    status: 'open' | 'closed';
    revealed: Generated<number>;
    opened_at: string;
    closed_at: string | null;
    opened_by: string;
  };
  workshop_participant: {
    id: Generated<number>;
    session_id: number;
    role: 'facilitator' | 'member' | 'observer';
    member_id: number | null;
    name: string;
    name_key: string;
    secret_hash: string | null;
    code_hash: string | null;
    /** JSON array of project ids a member scores; NULL = all of the round's. */
    projects_json: string | null;
    /** JSON array of criterion ids a member scores; NULL = all member-scored criteria. */
    criteria_json: string | null;
    removed_at: string | null;
  };
  workshop_token: {
    /** SHA-256 of the token; the token itself is never stored. */
    token_hash: string;
    participant_id: number;
    session_id: number;
    device: string;
    issued_at: string;
    expires_at: string;
    revoked_at: string | null;
  };
};
