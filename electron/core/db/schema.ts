/** Kysely table types for the current schema version. Money columns are integer satang. */
import type { Generated } from 'kysely';

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
  };
  import_mapping: { target: string; source_key: string; mapping_json: string; updated_at: string };
  need_change: { batch_id: number; need_id: number; kind: 'new' | 'changed' | 'withdrawn'; before_json: string | null };
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
  round: {
    id: Generated<number>;
    name: string;
    fiscal_year: number;
    ceiling: number;
    status: 'preparing' | 'in_session' | 'approved' | 'closed';
    aggregation: 'mean' | 'median' | 'trimmed_mean' | 'geometric_mean';
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
  scenario: {
    id: Generated<number>;
    round_id: number;
    name: string;
    rule: 'greedy' | 'optimum' | 'mes';
    params_json: string;
    locks_json: string;
    parent_id: number | null;
    created_at: string;
    updated_at: string;
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
};
