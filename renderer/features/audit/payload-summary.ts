import { formatBaht } from '../../../shared/domain/money';

/** Names for the ids an event's payload carries (undefined when the id is not in the current round). */
export type SummaryNames = Readonly<{
  round(id: number): string | undefined;
  member(id: number): string | undefined;
  project(id: number): string | undefined;
  criterion(id: number): string | undefined;
  scenario(id: number): string | undefined;
}>;

export type SummaryLabels = Readonly<{
  field: Readonly<Record<string, string>>;
  items(count: number): string;
  baht(amount: string): string;
  /** A file's size. */
  bytes(count: number): string;
  yes: string;
  no: string;
  /** The word for a coded value of a field (a rule's code, an export's format, a role), or undefined to show it as it is. */
  value(key: string, raw: string): string | undefined;
}>;

/** Who and what first, then the rest in the payload's (canonical, sorted) order, the round (mostly the current one) last. */
const ID_ORDER = ['memberId', 'projectId', 'criterionId', 'scenarioId'];
const LAST = ['roundId'];
/** Amounts in satang. */
const MONEY = new Set(['ceiling', 'totalFunded', 'requested', 'amount', 'minAmount', 'operating', 'investment', 'minimum']);
/** Fields that hold the id of something the current round can name. */
const NAMED: Readonly<Record<string, keyof SummaryNames>> = {
  roundId: 'round',
  copyFromRoundId: 'round',
  memberId: 'member',
  requestedBy: 'member',
  projectId: 'project',
  criterionId: 'criterion',
  scenarioId: 'scenario',
  fromId: 'scenario',
};
/** A list of coded values is spelled out up to this length, and counted beyond it. */
const MAX_LISTED = 5;
/** Bookkeeping a reader does not need in the summary (the full payload stays in the CSV export). */
export const HIDDEN_FIELDS: ReadonlySet<string> = new Set(['expectedVersion', 'droppedFields', 'rejected', 'fileHash']);
const MAX_TEXT = 60;

/**
 * A label dictionary's own entry: these are plain objects, so `kinds['constructor']` must not find Object's.
 * @example ownLabel({ 'score.set': 'ให้คะแนน' }, 'constructor') // undefined
 */
export function ownLabel(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function shortText(raw: string): string {
  const text = raw.replace(/\s+/gu, ' ');
  if (/^[0-9a-f]{40,}$/u.test(text)) return `${text.slice(0, 12)}…`;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function named(key: string, id: number, names: SummaryNames): string {
  const kind = Object.hasOwn(NAMED, key) ? NAMED[key] : undefined;
  return (kind ? names[kind](id) : undefined) ?? `#${id}`;
}

function valueText(key: string, value: unknown, names: SummaryNames, labels: SummaryLabels): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && (key.endsWith('Id') || Object.hasOwn(NAMED, key))) return named(key, value, names);
  if (typeof value === 'number' && MONEY.has(key) && Number.isSafeInteger(value)) return labels.baht(formatBaht(value));
  if (typeof value === 'number' && key === 'bytes') return labels.bytes(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? labels.yes : labels.no;
  if (typeof value === 'string') return labels.value(key, value) ?? shortText(value);
  if (Array.isArray(value)) {
    const words = value.map((v) => (typeof v === 'string' ? labels.value(key, v) : undefined));
    const spelled = value.length > 0 && value.length <= MAX_LISTED && words.every((w) => w !== undefined);
    return spelled ? words.join(', ') : labels.items(value.length);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const inner = entries
      .map(([k, v]) => (typeof v === 'object' && v !== null ? null : valueText(k, v, names, labels)))
      .filter((v): v is string => v !== null);
    if (inner.length > 0) return `{${inner.join(', ')}}`;
    // A map of details by field (a proposal's changes, the values an import cleared): the fields named, lists counted.
    const fields = entries
      .filter(([, v]) => typeof v === 'object' && v !== null)
      .map(([k, v]) => {
        const name = ownLabel(labels.field, k) ?? shortText(k);
        return Array.isArray(v) ? `${name} ${labels.items(v.length)}` : name;
      });
    return fields.length > 0 ? fields.slice(0, MAX_LISTED).join(', ') + (fields.length > MAX_LISTED ? ', …' : '') : null;
  }
  return null;
}

/**
 * One line a reader can scan for an audit event's payload: ids become names where the current round knows them
 * (a project's code, a member's name, a scenario's name), satang become baht, codes become words (a rule, a format, a
 * role), long hashes are shortened, lists are counted.
 * Unparseable payloads are shown as they are stored.
 * @example summarizePayload('{"memberId":3,"projectId":7,"value":4}', names, labels) // 'กรรมการ: นาง ก · โครงการ: SB-007 · คะแนน: 4'
 */
export function summarizePayload(payloadJson: string, names: SummaryNames, labels: SummaryLabels): string {
  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson);
  } catch {
    return shortText(payloadJson);
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return valueText('', payload, names, labels) ?? '';
  }
  const entries = Object.entries(payload as Record<string, unknown>).filter(([k]) => !HIDDEN_FIELDS.has(k));
  const rank = (k: string): number => {
    const i = ID_ORDER.indexOf(k);
    return i !== -1 ? i : LAST.includes(k) ? ID_ORDER.length + 1 : ID_ORDER.length;
  };
  entries.sort(([a], [b]) => rank(a) - rank(b));
  const parts: string[] = [];
  for (const [key, value] of entries) {
    const text = valueText(key, value, names, labels);
    if (text !== null && text !== '') parts.push(`${ownLabel(labels.field, key) ?? shortText(key)}: ${text}`);
  }
  return parts.join(' · ');
}
