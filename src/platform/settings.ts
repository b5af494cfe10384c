// Operator-tunable settings with defaults in one object. Values live in the settings table;
// an unset key reads its default. Each key has a schema, so a bad value is refused on write.
import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Kysely } from 'kysely';
import { platformTables, type PlatformTables } from './platform.table.ts';
import type { AnyExecutor } from './tables.ts';
import { invalid } from './errors.ts';
import { createLocalBus, type InvalidationBus } from './invalidation.ts';
import { ReadCache } from './read-cache.ts';
import { SETTING_META as META_TABLE, type SettingGroup, type SettingMeta, type SettingUnit } from './settings.meta.ts';

/** Published with the key after a setting is written: every process drops its copy and tells its listeners. */
export const SETTING_CHANGED = 'platform.setting';

const minutes = (max: number) => Type.Integer({ minimum: 1, maximum: max });
const fen = Type.Integer({ minimum: 0, maximum: 100_000_00 });
const perMinute = Type.Integer({ minimum: 1, maximum: 1_000_000 });

export const SETTINGS = {
  'webhooks.timeoutSeconds': { schema: Type.Integer({ minimum: 1, maximum: 60 }), default: 10, description: 'A webhook endpoint must answer within this many seconds or the attempt counts as failed' },
  'webhooks.disableAfterDays': { schema: Type.Integer({ minimum: 1, maximum: 30 }), default: 5, description: 'An endpoint whose every delivery attempt has failed for this many days is disabled' },
  'orders.unpaidTimeoutMinutes': { schema: minutes(7 * 24 * 60), default: 15, description: 'Unpaid orders are cancelled and their stock released after this many minutes' },
  'shipping.flatFeeAmount': { schema: fen, default: 1000, description: 'Flat shipping fee in fen' },
  'shipping.freeThresholdAmount': { schema: fen, default: 9900, description: 'Orders whose goods total reaches this (fen) ship free; 0 disables free shipping' },
  'aftersales.windowDays': { schema: Type.Integer({ minimum: 0, maximum: 90 }), default: 7, description: 'Days after completion in which an after-sales request may be opened' },
  'orders.autoCompleteDays': { schema: Type.Integer({ minimum: 1, maximum: 60 }), default: 10, description: 'Shipped orders complete automatically after this many days' },
  'sharing.attributionWindowDays': { schema: Type.Integer({ minimum: 1, maximum: 90 }), default: 7, description: 'Sign-ups and orders are attributed to the last share clicked within this many days' },
  'sharing.shareClickPoints': { schema: Type.Integer({ minimum: 0, maximum: 10_000 }), default: 5, description: 'Points for a share that brings a click from a new visitor' },
  'sharing.shareClickDailyCap': { schema: Type.Integer({ minimum: 0, maximum: 100_000 }), default: 50, description: 'At most this many share-click points per sharer per day' },
  'coupons.maxStoreCoupons': { schema: Type.Integer({ minimum: 0, maximum: 5 }), default: 1, description: 'Store-wide coupons one order may use' },
  'coupons.maxProductCoupons': { schema: Type.Integer({ minimum: 0, maximum: 5 }), default: 1, description: 'Product- or category-scoped coupons one order may use' },
  'loyalty.pointsPerYuan': { schema: Type.Integer({ minimum: 0, maximum: 100 }), default: 1, description: 'Points earned per ¥1 paid' },
  'loyalty.pointValueFen': { schema: Type.Integer({ minimum: 1, maximum: 100 }), default: 1, description: 'What one point is worth at checkout, in fen (1 → 100 points = ¥1)' },
  'loyalty.maxDeductionPercent': { schema: Type.Integer({ minimum: 0, maximum: 100 }), default: 50, description: 'Points may pay at most this share of the goods' },
  'loyalty.reviewPoints': { schema: Type.Integer({ minimum: 0, maximum: 10_000 }), default: 20, description: 'Points for a published review, once per order line (0: none)' },
  'loyalty.checkinPoints': { schema: Type.Integer({ minimum: 0, maximum: 10_000 }), default: 10, description: 'Points for a daily check-in' },
  'loyalty.checkinStreakBonusEvery': { schema: Type.Integer({ minimum: 2, maximum: 365 }), default: 7, description: 'Every this many consecutive check-ins earns the streak bonus' },
  'loyalty.checkinStreakBonusPoints': { schema: Type.Integer({ minimum: 0, maximum: 100_000 }), default: 50, description: 'Streak bonus points' },
  'loyalty.expiryYears': { schema: Type.Integer({ minimum: 0, maximum: 10 }), default: 1, description: 'Points expire at the end of the year this many years after they were earned' },
  'referral.qualifyOn': { schema: Type.Union([Type.Literal('first_paid_order'), Type.Literal('signup')]), default: 'first_paid_order' as 'first_paid_order' | 'signup', description: 'When an invite counts: the invitee\'s first paid order, or sign-up' },
  'referral.holdHours': { schema: Type.Integer({ minimum: 0, maximum: 24 * 90 }), default: 0, description: 'Referral rewards wait this many hours for review before release (0: at once)' },
  'referral.inviterDailyCap': { schema: Type.Integer({ minimum: 1, maximum: 10_000 }), default: 20, description: 'At most this many rewarded invites per inviter per day' },
  'affiliate.promoterMode': { schema: Type.Union([Type.Literal('open'), Type.Literal('application'), Type.Literal('after_first_paid_order')]), default: 'application' as 'open' | 'application' | 'after_first_paid_order', description: 'Who becomes a promoter: anyone who applies, applicants an operator approves, or customers after their first paid order (no fee or purchase is ever required to apply)' },
  'affiliate.bindingDays': { schema: Type.Integer({ minimum: 0, maximum: 3650 }), default: 0, description: 'A customer stays bound to their promoter this many days (0: permanently)' },
  'affiliate.bindingOverride': { schema: Type.Boolean(), default: false as boolean, description: 'A newer share link re-binds a customer (false: the first binding wins)' },
  'affiliate.level1RateBp': { schema: Type.Integer({ minimum: 0, maximum: 5000 }), default: 1000, description: 'Level-1 commission in basis points of the line paid (1000 = 10%)' },
  'affiliate.level2RateBp': { schema: Type.Integer({ minimum: 0, maximum: 5000 }), default: 500, description: 'Level-2 commission in basis points (there is never a level 3)' },
  'affiliate.settlementDays': { schema: Type.Integer({ minimum: 0, maximum: 90 }), default: 7, description: 'Commission settles this many days after the order completes' },
  'affiliate.selfPurchaseCommission': { schema: Type.Boolean(), default: false as boolean, description: 'A promoter earns level-1 commission on their own purchases' },
  'affiliate.withdrawMinAmount': { schema: fen, default: 1000, description: 'Smallest withdrawal in fen' },
  'affiliate.withdrawFeeBp': { schema: Type.Integer({ minimum: 0, maximum: 2000 }), default: 0, description: 'Withdrawal fee in basis points' },
  'flashsale.payWithinMinutes': { schema: minutes(60), default: 5, description: 'A flash-sale order unpaid after this many minutes is cancelled and its unit returns to the flash stock' },
  'lottery.maxPrizeValueAmount': { schema: Type.Integer({ minimum: 0, maximum: 100_000_000_00 }), default: 50_000_00, description: 'A single lucky-draw prize may be worth at most this (fen); checked when a prize pool is saved (China: ¥50,000)' },
  'compliance.market': { schema: Type.Union([Type.Literal('CN'), Type.Literal('EU')]), default: 'CN' as 'CN' | 'EU', description: 'The market whose price rules apply: CN (reference price ≤ lowest charged in 7 days) or EU (30 days)' },
  'compliance.referenceDays': { schema: Type.Integer({ minimum: 0, maximum: 365 }), default: 0, description: 'Days of charged prices a reference ("original") price may not exceed; 0: the market’s own (CN 7, EU 30)' },
  'identity.signInMaxFailures': { schema: Type.Integer({ minimum: 1, maximum: 100 }), default: 5, description: 'Failed sign-ins to one account within the window before it is locked for a while' },
  'identity.signInWindowMinutes': { schema: minutes(24 * 60), default: 15, description: 'The window (minutes) in which failed sign-ins to one account are counted' },
  'identity.signInLockMinutes': { schema: minutes(24 * 60), default: 15, description: 'The first lock after too many failed sign-ins (minutes); each further lock doubles it, up to a day' },
  'identity.codeValidityMinutes': { schema: minutes(24 * 60), default: 15, description: 'A password-reset code works for this many minutes' },
  'identity.codeMaxAttempts': { schema: Type.Integer({ minimum: 1, maximum: 20 }), default: 5, description: 'Wrong guesses a password-reset code survives' },
  'identity.codesPerHour': { schema: Type.Integer({ minimum: 1, maximum: 100 }), default: 5, description: 'At most this many password-reset codes are sent to one account per hour' },
  'privacy.policyVersion': { schema: Type.String({ minLength: 1, maxLength: 40 }), default: '2026-06', description: 'The privacy policy version shoppers accept at sign-up; a consent records the version it was given under' },
  'privacy.visitorEventRetentionDays': { schema: Type.Integer({ minimum: 30, maximum: 3650 }), default: 395, description: 'Visitor events (analytics) older than this many days are deleted by the daily retention job' },
  'privacy.sessionRetentionDays': { schema: Type.Integer({ minimum: 1, maximum: 3650 }), default: 90, description: 'Sessions that ended (expired or signed out) more than this many days ago are deleted by the daily retention job' },
  'privacy.exportExpiryDays': { schema: Type.Integer({ minimum: 1, maximum: 30 }), default: 7, description: 'A shopper\'s data export can be downloaded for this many days, then it is deleted' },
  'rateLimits.authPerIp': { schema: perMinute, default: 30, description: 'Sign-in, sign-up and password-reset requests per minute from one IP (FISSION_RATE_LIMIT_AUTH_PER_IP wins when set)' },
  'rateLimits.ordersPerUser': { schema: perMinute, default: 30, description: 'Order placements per minute by one shopper (FISSION_RATE_LIMIT_ORDERS_PER_USER wins when set)' },
  'rateLimits.ordersPerIp': { schema: perMinute, default: 300, description: 'Order placements per minute from one IP (FISSION_RATE_LIMIT_ORDERS_PER_IP wins when set)' },
  'rateLimits.flashsalePerUser': { schema: perMinute, default: 20, description: 'Flash-sale purchase attempts per minute by one shopper (FISSION_RATE_LIMIT_FLASHSALE_PER_USER wins when set)' },
  'rateLimits.flashsalePerIp': { schema: perMinute, default: 600, description: 'Flash-sale purchase attempts per minute from one IP; raise it for shoppers behind one NAT (FISSION_RATE_LIMIT_FLASHSALE_PER_IP wins when set)' },
  'rateLimits.shareLinkPerIp': { schema: perMinute, default: 120, description: 'Share-link (/s/…) opens per minute from one IP (FISSION_RATE_LIMIT_SHARE_LINK_PER_IP wins when set)' },
  'rateLimits.eventsPerIp': { schema: perMinute, default: 600, description: 'Storefront event batches (POST /api/v1/events) per minute from one IP; a shopper’s page sends about one every few seconds (FISSION_RATE_LIMIT_EVENTS_PER_IP wins when set)' },
} satisfies Record<string, { schema: TSchema; default: unknown; description: string }>;

export type SettingKey = keyof typeof SETTINGS;

/** Every setting's form metadata: a key missing from settings.meta.ts fails the type-check here. */
const SETTING_META: Record<SettingKey, SettingMeta> = META_TABLE;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];

export class Settings {
  private readonly listeners = new Set<(key: SettingKey) => void>();

  /** Values read recently (checkout reads several per order); a write drops them in every process. */
  private readonly cache: ReadCache<{ value: unknown }>;

  constructor(
    private readonly db: Kysely<PlatformTables>,
    private readonly bus: InvalidationBus = createLocalBus(),
    maxAgeMs = 0,
    /** The business clock's milliseconds: a test that moves its clock past maxAgeMs reads afresh. */
    now?: () => number,
  ) {
    this.cache = new ReadCache({ ttlMs: maxAgeMs, max: 1_000, now });
    this.cache.follow(bus, SETTING_CHANGED);
    bus.subscribe(SETTING_CHANGED, (key) => {
      for (const listener of this.listeners) listener(key as SettingKey);
    });
  }

  /** Called after a setting is written, in this process or another: lets in-process caches drop a value at once. */
  onChange(listener: (key: SettingKey) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Inside a transaction pass its `trx`: on PGlite the outer handle would wait for the transaction. */
  async get<K extends SettingKey>(key: K, executor: AnyExecutor = this.db): Promise<SettingValue<K>> {
    const hit = this.cache.get(key);
    if (hit) return hit.value as SettingValue<K>;
    const read = async () => {
      const row = await platformTables.of(executor).selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return { value: row ? row.value : SETTINGS[key].default };
    };
    // A read in someone's transaction is not shared with other callers (it fails with it), but
    // what it found serves the next one: every checkout reads the shipping fees in its transaction.
    const found = executor === this.db ? await this.cache.getOrLoad(key, read) : await this.cache.loadAlone(key, read);
    return found.value as SettingValue<K>;
  }

  /** Every setting: its value, default and meaning, and what a form needs to show and check it. */
  async all(): Promise<Record<SettingKey, SettingEntry>> {
    const rows = await this.db.selectFrom('settings').selectAll().execute();
    const stored = new Map(rows.map((r) => [r.key, r.value]));
    return Object.fromEntries(
      (Object.keys(SETTINGS) as SettingKey[]).map((k) => [k, { value: stored.has(k) ? stored.get(k) : SETTINGS[k].default, default: SETTINGS[k].default, description: SETTINGS[k].description, ...settingForm(k) }]),
    ) as Record<SettingKey, SettingEntry>;
  }

  async set(key: string, value: unknown, now: Date): Promise<void> {
    const def = (SETTINGS as Record<string, { schema: TSchema }>)[key];
    if (!def) throw invalid('SETTINGS_UNKNOWN_KEY', `There is no setting called ${key}`, { key });
    // The refusal carries what is allowed (the range in the setting's stored unit, or the choices),
    // so a form can say "allowed ¥0.00–¥100.00" beside the field.
    if (!Value.Check(def.schema, value)) throw invalid('SETTINGS_INVALID_VALUE', `${key} does not accept ${JSON.stringify(value)}`, { key, ...allowed(key as SettingKey) });
    await this.db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
    // Local copies and listeners at once, other processes' through the bus.
    await this.bus.publish(SETTING_CHANGED, key);
  }
}

type Words = { 'zh-CN': string; en: string };

/** What a form shows for one setting: where it sits, how its value reads, and what it allows. */
export interface SettingForm {
  group: SettingGroup;
  unit: SettingUnit;
  /** The allowed range in the stored unit (fen, basis points, minutes…); for text, its length. */
  min?: number;
  max?: number;
  options?: { value: string; label: Words }[];
  label: Words;
  help: Words;
}
export type SettingEntry = { value: unknown; default: unknown; description: string } & SettingForm;

const words = ([zh, en]: readonly [string, string]): Words => ({ 'zh-CN': zh, en });

/** The range or choices the setting's schema allows, read from the schema the write is checked by. */
function allowed(key: SettingKey): Pick<SettingForm, 'unit' | 'min' | 'max' | 'options'> {
  const schema = SETTINGS[key].schema as { minimum?: number; maximum?: number; minLength?: number; maxLength?: number; anyOf?: { const?: unknown }[] };
  const meta: SettingMeta = SETTING_META[key];
  const min = schema.minimum ?? schema.minLength;
  const max = schema.maximum ?? schema.maxLength;
  const options = schema.anyOf?.map((s) => String(s.const)).map((value) => ({ value, label: words(meta.options?.[value] ?? [value, value]) }));
  return { unit: meta.unit, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(options ? { options } : {}) };
}

export function settingForm(key: SettingKey): SettingForm {
  const meta: SettingMeta = SETTING_META[key];
  return { group: meta.group, ...allowed(key), label: words(meta.label), help: words(meta.help) };
}
