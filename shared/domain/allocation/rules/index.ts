/**
 * The registry of allocation rules a scenario can run: one entry per rule, each in its own file. The rule kinds, the
 * scenario parameters' fields and defaults, the labels and the why-cards are all derived from this one object.
 */
import { greedyRule } from './greedy';
import { mesRule } from './mes';
import { optimumRule } from './optimum';
import type { RuleDefinition } from './rule';

export const RULE_REGISTRY = {
  greedy: greedyRule,
  optimum: optimumRule,
  mes: mesRule,
} as const satisfies Readonly<Record<string, RuleDefinition>>;

/** The rules a scenario can run. */
export type RuleKind = keyof typeof RULE_REGISTRY;

/** Every rule kind, in the order the registry lists them (the order the UI offers them). */
export const RULES = Object.keys(RULE_REGISTRY) as [RuleKind, ...RuleKind[]];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every rule's parameter fields together (the flat shape scenarios store). */
export type RuleParamFields = UnionToIntersection<(typeof RULE_REGISTRY)[RuleKind]['params']['fields']>;

/** Every rule's parameter defaults together. */
export type RuleParamDefaults = UnionToIntersection<(typeof RULE_REGISTRY)[RuleKind]['params']['defaults']>;

/** Each field belongs to one rule: two rules naming the same field would silently share it. */
function merged<K extends 'fields' | 'defaults'>(part: K): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of RULES) {
    for (const [name, value] of Object.entries(RULE_REGISTRY[kind].params[part])) {
      if (Object.hasOwn(out, name)) throw new Error(`rule parameter "${name}" is declared by two rules`);
      out[name] = value;
    }
  }
  return out;
}

/** The fields of every rule's parameters, merged (TypeScript cannot type a merge over a record's values). */
export const RULE_PARAM_FIELDS = merged('fields') as RuleParamFields;
export const RULE_PARAM_DEFAULTS = merged('defaults') as RuleParamDefaults;

/** Whether a text names a rule of the registry (a stored scenario's rule, a file's). */
export function isRuleKind(value: string): value is RuleKind {
  return Object.hasOwn(RULE_REGISTRY, value);
}

export type { Named, RuleDefinition, RuleRunInput, RuleRunOutput, CardContext, CardProject } from './rule';

/**
 * Every rule's label in one language (the dictionaries in renderer/i18n take them from here).
 * @example ruleLabels('en').greedy // 'By rank (greedy)'
 */
export function ruleLabels(lang: 'th' | 'en'): Record<RuleKind, string> {
  return Object.fromEntries(RULES.map((k) => [k, RULE_REGISTRY[k].label[lang]])) as Record<RuleKind, string>;
}

/**
 * Every rule's one-line explanation in one language.
 * @example ruleSummaries('en').mes // 'Everyone who raised a need gets an equal share …'
 */
export function ruleSummaries(lang: 'th' | 'en'): Record<RuleKind, string> {
  return Object.fromEntries(RULES.map((k) => [k, RULE_REGISTRY[k].summary[lang]])) as Record<RuleKind, string>;
}
