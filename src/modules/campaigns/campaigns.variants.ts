// A/B variants of a campaign's rules. A mechanic declares which of its rules a variant may set
// (integers within bounds taken from the campaign's own rules, plus a check of the values
// together), the experiments module validates every variant against that declaration when an
// experiment is created, and the mechanic asks the kernel for "the effective rules for this
// subject" at the moment a rule matters (a team opens, a price-cut starts, a reward is made, a
// coupon is claimed) and stores what it used on the row it creates. Pure: no I/O here.
import type { AnyExecutor } from '../../platform/tables.ts';

export type VariantValue = string | number | boolean | null;
/** What a variant changes: rule key → value (null leaves the campaign's own rule). */
export type VariantConfig = Record<string, VariantValue>;

/** What the kernel's `variant` hook answers: the subject's variant and what it changes. */
export interface VariantAssignment {
  key: string;
  config: VariantConfig;
}

/** One rule a variant may set, as an integer in [min, max]; `base` is the campaign's own value. */
export interface VariantKey {
  key: string;
  unit: 'fen' | 'people' | 'points';
  min: number;
  max: number;
  base: number;
  en: string;
  zh: string;
}

/** The rules a variant of one campaign may set, with a check of the effective values together. */
export interface VariantSpace {
  keys: VariantKey[];
  /** Why these effective rules (bases with the variant's values) cannot work, or null. */
  problem?(effective: Record<string, number>): string | null;
}

/** A mechanic's declaration: the variant space of one of its campaigns, read from its own row. */
export interface VariantRules {
  space(executor: AnyExecutor, campaignId: string): Promise<VariantSpace>;
}

export type VariantProblem =
  | { reason: 'KEY_NOT_ALLOWED'; key: string; allowed: string[] }
  | { reason: 'VALUE_INVALID'; key: string; value: VariantValue }
  | { reason: 'OUT_OF_BOUNDS'; key: string; value: number; min: number; max: number }
  | { reason: 'RULES_INVALID'; message: string };

/** The campaign's own rules with the variant's values laid over them. */
export function effectiveRules(space: VariantSpace, config: VariantConfig): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(space.keys.map((k) => [k.key, k.base]));
  for (const [key, value] of Object.entries(config)) if (typeof value === 'number' && key in out) out[key] = value;
  return out;
}

/** Why a variant's config cannot run on this campaign, or null. A null value means "the campaign's own rule". */
export function variantProblem(space: VariantSpace, config: VariantConfig): VariantProblem | null {
  const byKey = new Map(space.keys.map((k) => [k.key, k]));
  for (const [key, value] of Object.entries(config)) {
    const spec = byKey.get(key);
    if (!spec) return { reason: 'KEY_NOT_ALLOWED', key, allowed: [...byKey.keys()] };
    if (value === null) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return { reason: 'VALUE_INVALID', key, value };
    if (value < spec.min || value > spec.max) return { reason: 'OUT_OF_BOUNDS', key, value, min: spec.min, max: spec.max };
  }
  const message = space.problem?.(effectiveRules(space, config)) ?? null;
  return message ? { reason: 'RULES_INVALID', message } : null;
}

/** What a subject plays by: the variant's key (null when no experiment runs) and the effective rules. */
export interface SubjectRules<K extends string> {
  variantKey: string | null;
  rules: Record<K, number>;
}

/**
 * The mechanic's current rules (`base`) with a valid variant's values laid over them. A config that
 * no longer fits the campaign (its rules were edited after the experiment was defined) changes
 * nothing: the subject plays by the campaign's own rules rather than by an unchecked one.
 */
export function applyVariant<K extends string>(base: Record<K, number>, space: VariantSpace, assignment: VariantAssignment | null): SubjectRules<K> {
  if (!assignment) return { variantKey: null, rules: base };
  if (variantProblem(space, assignment.config)) return { variantKey: assignment.key, rules: base };
  const rules = { ...base };
  for (const key of Object.keys(base) as K[]) {
    const value = assignment.config[key];
    if (typeof value === 'number') rules[key] = value;
  }
  return { variantKey: assignment.key, rules };
}
