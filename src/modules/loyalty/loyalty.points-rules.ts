// The store's points rules as the loyalty page edits them: how points are earned (per yuan paid,
// per review, per check-in and streak, per share click), what they are worth and when they
// expire. The values live in platform settings (each with its schema and range); these routes
// name them in loyalty's words, show each range and refuse a value outside it before anything
// is written.
import { recordAudit } from '../../platform/audit.ts';
import { requireRole, requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, Type } from '../../platform/schema.ts';
import { SETTINGS, type SettingKey } from '../../platform/settings.ts';
import type { LoyaltyPlatform } from './loyalty.table.ts';

/** Each rule's name on the page and the setting that holds it. */
export const POINTS_RULES = {
  pointsPerYuan: 'loyalty.pointsPerYuan',
  pointValueFen: 'loyalty.pointValueFen',
  maxDeductionPercent: 'loyalty.maxDeductionPercent',
  reviewPoints: 'loyalty.reviewPoints',
  checkinPoints: 'loyalty.checkinPoints',
  checkinStreakBonusEvery: 'loyalty.checkinStreakBonusEvery',
  checkinStreakBonusPoints: 'loyalty.checkinStreakBonusPoints',
  expiryYears: 'loyalty.expiryYears',
  shareClickPoints: 'sharing.shareClickPoints',
  shareClickDailyCap: 'sharing.shareClickDailyCap',
} as const satisfies Record<string, SettingKey>;

export type PointsRule = keyof typeof POINTS_RULES;
const RULE_NAMES = Object.keys(POINTS_RULES) as PointsRule[];

/** A rule's integer range, read from its setting's schema so the two can never disagree. */
function rangeOf(rule: PointsRule) {
  const schema = SETTINGS[POINTS_RULES[rule]].schema as { minimum?: number; maximum?: number };
  return { minimum: schema.minimum ?? 0, maximum: schema.maximum ?? Number.MAX_SAFE_INTEGER };
}

const RulesSchema = Type.Object(Object.fromEntries(RULE_NAMES.map((r) => [r, Type.Integer()])) as unknown as Record<PointsRule, ReturnType<typeof Type.Integer>>);
const LimitsSchema = Type.Object(
  Object.fromEntries(RULE_NAMES.map((r) => [r, Type.Object({ minimum: Type.Integer(), maximum: Type.Integer(), default: Type.Integer(), description: Type.String() })])) as unknown as Record<PointsRule, ReturnType<typeof Type.Object>>,
);
const PointsRulesResponse = Type.Object({ rules: RulesSchema, limits: LimitsSchema });
const PointsRulesPatch = Body(
  Object.fromEntries(RULE_NAMES.map((r) => [r, Type.Optional(Type.Integer(rangeOf(r)))])) as unknown as Record<PointsRule, ReturnType<typeof Type.Optional<ReturnType<typeof Type.Integer>>>>,
  { minProperties: 1 },
);

export function createPointsRules(p: Pick<LoyaltyPlatform, 'settings' | 'clock' | 'db'>) {
  const { settings, clock, db } = p;

  async function read() {
    const rules = {} as Record<PointsRule, number>;
    const limits = {} as Record<PointsRule, { minimum: number; maximum: number; default: number; description: string }>;
    for (const r of RULE_NAMES) {
      const key = POINTS_RULES[r];
      rules[r] = Number(await settings.get(key));
      limits[r] = { ...rangeOf(r), default: Number(SETTINGS[key].default), description: SETTINGS[key].description };
    }
    return { rules, limits };
  }

  /** Writes the rules given (each already within its range; settings re-checks), then one audit row. */
  async function update(actorId: string, patch: Partial<Record<PointsRule, number>>) {
    const now = clock.now();
    const changed = RULE_NAMES.filter((r) => patch[r] !== undefined);
    for (const r of changed) await settings.set(POINTS_RULES[r], patch[r], now);
    await recordAudit(db, now, { actorId, action: 'loyalty.rules_changed', subjectType: 'setting', subjectId: 'loyalty.rules', details: Object.fromEntries(changed.map((r) => [POINTS_RULES[r], patch[r]])) });
    return read();
  }

  return { read, update };
}

export type PointsRules = ReturnType<typeof createPointsRules>;

export function loyaltyPointsRulesRoutes(pointsRules: PointsRules) {
  return async function (app: App) {
    app.get('/loyalty/rules', {
      schema: { tags: ['admin', 'loyalty'], summary: 'The points rules (earning, value, expiry), each with its allowed range and default', response: { 200: PointsRulesResponse } },
    }, async () => pointsRules.read());

    app.patch('/loyalty/rules', {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['admin', 'loyalty'],
        summary: 'Change some points rules (admin only, audited); a value outside its range is refused and nothing is written',
        body: PointsRulesPatch,
        response: { 200: PointsRulesResponse },
      },
    }, async (req) => pointsRules.update(requireUser(req).id, req.body));
  };
}
