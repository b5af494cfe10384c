// Risk decisions at every mechanic's reward point. A mechanic calls `assess` (inside its own
// transaction: the decision commits with the reward) or `guard` (before its transaction, for a
// request a block must refuse with nothing written); the decision, its signals and its reasons
// are stored, and a held reward waits for an operator, whose release pays it once through the
// mechanic's registered releaser.
import { recordAudit } from '../../platform/audit.ts';
import { DomainError, conflict, notFound } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { IdentityService } from '../identity/index.ts';
import { openOrderAddress, type OrdersService } from '../orders/index.ts';
import type { PaymentsService } from '../payments/index.ts';
import * as repo from './risk.repo.ts';
import type { DecisionRow } from './risk.repo.ts';
import { addressHash, emailDomainOf, explain, tuningFrom, type Tuning, levelFor, mechanicOf, networkPrefix, phonePrefix, reasonsFor, scoreOf, verdictFor, type ActionKind, type Evidence, type Level, type Reason, type RiskAction, type Verdict } from './risk.rules.ts';
import { riskTables, type DecisionStatus, type PresenceKind, type RiskDb, type RiskPlatform } from './risk.table.ts';
import { createRiskAdmin } from './risk.admin.ts';
import { createBlacklistCache } from './risk.blacklist-cache.ts';
import { BURST_MS, createEvidence, LOOKBACK_MS } from './risk.evidence.ts';
import { QueryShapes } from './risk.query-shapes.ts';

export type { RiskAction } from './risk.rules.ts';

export const RECOMPUTE_GRAPH_JOB = 'risk.recompute-graph';
/** How long a process keeps the levels and thresholds it read. */
const RULES_TTL_MS = 5_000;

export interface Decision {
  /** Null when risk is switched off for the action (level `off`): no decision was recorded. */
  id: string | null;
  verdict: Verdict;
  status: DecisionStatus;
  score: number;
  reasons: Reason[];
}

/** How a mechanic pays a held reward on release, and undoes its reservation on cancel, in the review's transaction. */
/** A judged action waiting to be recorded (risk.service's judge → record). */
interface Plan {
  action: RiskAction;
  now: Date;
  level: Level;
  evidence: Evidence;
  reasons: Reason[];
  score: number;
  verdict: Verdict;
  /** The action's device is a farm / its network a burst: earlier rewards are re-scored. */
  farm: boolean;
  burst: boolean;
}

export interface Releaser {
  /**
   * Called in the transaction that records a hold at the moment of the action, to set aside what
   * a release will pay (a coupon's unit of quota). Throwing refuses the action as the mechanic
   * would (sold out) and rolls the hold back.
   */
  reserve?(trx: AnyExecutor, decision: DecisionRow): Promise<void>;
  release(trx: AnyExecutor, decision: DecisionRow): Promise<void>;
  cancel?(trx: AnyExecutor, decision: DecisionRow): Promise<void>;
  /**
   * Take back, in the re-scoring transaction, what an allowed decision already gave while its value
   * is unspent (a claimed coupon not yet used, a help on a price-cut not yet ordered, chances not yet
   * drawn): true when it was withheld, false when it is spent and stays with the shopper. A later
   * release pays it again through `release`, once.
   */
  withhold?(trx: AnyExecutor, decision: DecisionRow): Promise<boolean>;
}

export function createRiskService(p: RiskPlatform, deps: { identity: IdentityService; orders: OrdersService; payments: Pick<PaymentsService, 'cardFingerprintOf'> }) {
  const { db, clock } = p;
  const releasers = new Map<ActionKind, Releaser>();
  const blacklists = createBlacklistCache(p);
  const shapes = new QueryShapes();
  const { gather } = createEvidence(p, { identity: deps.identity, blacklists, shapes });
  let graphWindowAsked = -1;

  // The levels and thresholds, read once per RULES_TTL_MS per process (every decision needs them,
  // they change by hand): a change here applies at once, in another process within the TTL.
  let rules: { at: number; tuning: Tuning; levels: Map<string, Level> } | null = null;
  async function currentRules(trx: RiskDb) {
    if (rules && performance.now() - rules.at < RULES_TTL_MS) return rules;
    const [tuning, levels] = [await repo.findTuning(trx), await repo.findAllLevels(trx)];
    rules = { at: performance.now(), tuning: tuningFrom(tuning), levels: new Map(levels.map((l) => [`${l.scope}:${l.key}`, l.level])) };
    return rules;
  }

  /**
   * The read half of a decision: the verdict on an action from its evidence, or the decision it
   * already has (a redelivered subject, or risk switched off here). Nothing is written.
   */
  async function judge(reader: RiskDb, action: RiskAction): Promise<{ final: Decision } | { plan: Plan }> {
    const { tuning, levels } = await currentRules(reader);
    const level = levelFor(levels.get(`campaign:${action.campaignId}`) ?? null, levels.get(`mechanic:${mechanicOf(action.kind)}`) ?? null);
    // Switched off here: nothing recorded, the mechanic pays as if risk were not there (a subject
    // decided before it was switched off keeps its decision).
    if (level === 'off') {
      const earlier = action.subjectRef ? await repo.findDecisionBySubject(reader, action.kind, action.subjectRef) : undefined;
      return { final: earlier ? present(earlier) : OFF };
    }
    const now = clock.now();
    const gathered = await gather(reader, action, now, tuning);
    if ('earlierId' in gathered) return { final: present((await repo.findDecision(reader, gathered.earlierId))!) };
    const evidence = gathered.evidence;
    const reasons = reasonsFor(evidence, tuning);
    const score = scoreOf(reasons);
    let verdict = verdictFor(score, level);
    // An operator who released this account's earlier case on this campaign vouched for it; a
    // blacklist entry made since still blocks.
    if (verdict !== 'allow' && !evidence.blacklisted.length && (await repo.hasRelease(reader, action.userId, action.kind, action.campaignId))) verdict = 'allow';
    const s = evidence.signals;
    const farm = evidence.deviceAccounts >= tuning.deviceFarmAccounts && !!s.deviceId;
    const burst = evidence.networkAccounts >= tuning.networkBurstAccounts && !!s.ipPrefix;
    return { plan: { action, now, level, evidence, reasons, score, verdict, farm, burst } };
  }

  /** Whether recording a plan is one statement, atomic without a transaction (the common allow). */
  const recordsAlone = (plan: Plan) => plan.verdict === 'allow' && !plan.farm && !plan.burst;

  /** The write half: holds the re-scored rewards, records the signal and the decision, tells the queue. */
  async function record(trx: RiskDb, plan: Plan): Promise<Decision> {
    const { action, now, level, evidence, reasons, score, verdict } = plan;
    const s = evidence.signals;
    // New evidence re-scores earlier rewards: the accounts of a device farm, and those they earned
    // rewards for, lose their unpaid payouts to review.
    if (plan.farm) {
      const farm = (await repo.findAccountsOnDevices(trx, [s.deviceId!], new Date(now.getTime() - LOOKBACK_MS))).map((r) => r.user_id);
      await holdPending(trx, [...new Set([...farm, action.userId])], { code: 'DEVICE_FARM', weight: 60, detail: { accounts: evidence.deviceAccounts } });
    }
    // A network burst re-scores the earlier accounts of the same burst (same /24, kind and campaign
    // within the window): the burst's first accounts looked alone when they acted.
    if (plan.burst) {
      const burst = await repo.findAccountsOnNetwork(trx, { prefix: s.ipPrefix!, kind: action.kind, campaignId: action.campaignId, since: new Date(now.getTime() - BURST_MS) });
      await holdPending(trx, burst.filter((u) => u !== action.userId), { code: 'NETWORK_BURST', weight: 35, detail: { accounts: evidence.networkAccounts, prefix: s.ipPrefix! } }, { kind: action.kind, campaignId: action.campaignId });
    }
    const text = explain(verdict, score, reasons);
    const status: DecisionStatus = verdict === 'block' ? 'blocked' : verdict === 'hold' ? 'held' : action.paysLater ? 'pending' : 'allowed';
    const signal = { id: newId(), user_id: action.userId, action_kind: action.kind, campaign_id: action.campaignId, device_id: s.deviceId, ip: s.ip, ip_prefix: s.ipPrefix, user_agent: s.userAgent, phone_prefix: s.phonePrefix, address_hash: s.addressHash, card_fingerprint: s.cardFingerprint, email_domain: s.emailDomain, disposable_email: s.disposableEmail, account_age_seconds: s.accountAgeSeconds, first_order: s.firstOrder, at: now };
    const row = {
      id: newId(), action_kind: action.kind, subject_ref: action.subjectRef ?? null, user_id: action.userId, campaign_id: action.campaignId, counterpart_id: action.counterpartId ?? null,
      verdict, level, score, reasons: JSON.stringify(reasons), explanation_en: text.en, explanation_zh: text.zh, signals: JSON.stringify(s), payload: JSON.stringify(action.payload ?? {}),
      status, money_amount: action.money?.amount ?? 0, currency: action.money?.currency ?? 'CNY', reviewer_id: null, review_reason: null, reviewed_at: null, created_at: now,
    };
    let decision: Decision;
    if (verdict === 'allow') {
      // Neither published nor reserved: the insert returns the id, the rest is what was inserted.
      const inserted = await repo.insertDecisionWithSignal(trx, shapes, signal, row, false);
      decision = inserted ? { id: inserted.id, verdict, status, score, reasons } : present((await repo.findDecisionBySubject(trx, action.kind, action.subjectRef!))!);
    } else {
      const inserted = await repo.insertDecisionWithSignal(trx, shapes, signal, row, true);
      if (inserted && verdict === 'hold') await releasers.get(action.kind)?.reserve?.(trx, inserted);
      if (inserted) await publishEvent(trx, now, verdict === 'hold' ? 'risk.held' : 'risk.blocked', inserted.id, caseFacts(inserted));
      decision = present(inserted ?? (await repo.findDecisionBySubject(trx, action.kind, action.subjectRef!))!);
    }
    // One recompute per 5 minutes (the dedupe key); this process asks once per window, not per action
    // (were this transaction rolled back, the next window's asks).
    const window = Math.floor(now.getTime() / 300_000);
    if (window !== graphWindowAsked) {
      await scheduleJob(trx, { kind: RECOMPUTE_GRAPH_JOB, payload: {}, runAt: new Date(now.getTime() + 60_000), dedupeKey: `risk-graph:${window}`, now });
      graphWindowAsked = window;
    }
    return decision;
  }

  /**
   * Decide one action inside the caller's transaction: records its signals and the decision, holds
   * the unpaid rewards of the other accounts on a device found to be a farm, and returns the
   * verdict. A subject decided before (a redelivered event) gets its first decision back.
   */
  async function assess(handle: AnyExecutor, action: RiskAction): Promise<Decision> {
    const trx = riskTables.of(handle);
    const judged = await judge(trx, action);
    return 'final' in judged ? judged.final : record(trx, judged.plan);
  }


  /**
   * New evidence about some accounts (a device became a farm, a network burst, the graph found a
   * ring) re-scores their earlier decisions still worth something, and those where the accounts are
   * the other party: each gets the new reason over its own, and where the new score reaches its
   * level's hold line the reward is withheld — a pending payout becomes held, an allowed one whose
   * value is unspent is taken back through its mechanic's `withhold` and held. A spent reward stays
   * allowed: recorded evidence, nothing to take. Evidence about one campaign (a burst) passes
   * `only`: the accounts' own decisions of that kind on that campaign, nothing else of theirs.
   */
  async function holdPending(trx: RiskDb, userIds: string[], reason: Reason, only?: { kind: ActionKind; campaignId: string | null }) {
    const now = clock.now();
    const kinds = [...releasers].flatMap(([kind, r]) => (r.withhold ? [kind] : []));
    for (const d of await repo.lockRescorableOf(trx, userIds, kinds, new Date(now.getTime() - LOOKBACK_MS), only)) {
      const reasons = [...d.reasons.filter((r) => r.code !== reason.code), reason];
      const score = scoreOf(reasons);
      if (verdictFor(score, d.level) === 'allow') continue;
      if (d.status === 'allowed' && !(await releasers.get(d.action_kind)!.withhold!(trx, d))) continue;
      const text = explain('hold', score, reasons);
      const held = await repo.updateRescored(trx, d.id, d.status, { score, reasons: JSON.stringify(reasons), explanation_en: text.en, explanation_zh: text.zh });
      if (held) await publishEvent(trx, now, 'risk.held', d.id, { ...caseFacts(d), score });
    }
  }

  /**
   * guard for a caller about to open its own transaction: a block or hold is recorded here and
   * thrown as guard does; the common allow comes back as a step the caller runs inside its
   * transaction, so the decision and the action commit together (one commit, and no record of an
   * action that then failed).
   */
  async function guardWithin(action: RiskAction): Promise<(handle: AnyExecutor) => Promise<void>> {
    return settleWithin(await judge(riskTables.of(db), action));
  }

  /**
   * guardWithin begun before the caller knows the value at stake: risk's reads start now, beside
   * the caller's own reads (one wait instead of two), and `settle` decides as guardWithin does once
   * the value is known (it is recorded with the decision, never used to judge).
   */
  function guardWithinAhead(action: Omit<RiskAction, 'money'>): { settle(money?: RiskAction['money']): Promise<(handle: AnyExecutor) => Promise<void>> } {
    const judged = judge(riskTables.of(db), action);
    judged.catch(() => {}); // awaited by settle; a caller whose own reads failed never settles
    return {
      async settle(money) {
        const j = await judged;
        return settleWithin('final' in j ? j : { plan: { ...j.plan, action: { ...j.plan.action, money } } });
      },
    };
  }

  async function settleWithin(judged: Awaited<ReturnType<typeof judge>>): Promise<(handle: AnyExecutor) => Promise<void>> {
    if (!('final' in judged) && recordsAlone(judged.plan)) return async (handle) => void (await record(riskTables.of(handle), judged.plan));
    const decision = 'final' in judged ? judged.final : await db.transaction().execute((trx) => record(riskTables.of(trx), judged.plan));
    refuse(decision);
    return async () => {};
  }

  /**
   * For a request a block must refuse with nothing written: decides in risk's own transaction
   * (so the attempt is on record), then throws RISK_BLOCKED, or RISK_HELD when the action waits
   * for review (a release then pays it through the kind's releaser).
   */
  async function guard(action: RiskAction): Promise<Decision> {
    // Decided away from any caller's transaction: the reads need none, and the common allow is
    // recorded by one statement, so only a verdict with more to write opens one.
    const judged = await judge(riskTables.of(db), action);
    const decision = 'final' in judged ? judged.final : recordsAlone(judged.plan) ? await record(riskTables.of(db), judged.plan) : await db.transaction().execute((trx) => record(riskTables.of(trx), judged.plan));
    refuse(decision);
    return decision;
  }

  /** A block or a hold refuses the action (403): the decision is already recorded. */
  function refuse(decision: Decision) {
    if (decision.verdict === 'block') throw new DomainError('forbidden', 'RISK_BLOCKED', 'This action was refused by our risk checks', { decisionId: decision.id, reasons: decision.reasons.map((r) => r.code) });
    if (decision.verdict === 'hold') throw new DomainError('forbidden', 'RISK_HELD', 'This is under review; you will get it once it is approved', { decisionId: decision.id });
  }

  /**
   * A mechanic about to pay a reward it held on its own timer asks here first, in its transaction:
   * false while risk holds it (or cancelled or blocked it); a pending payout becomes allowed.
   */
  async function mayPay(handle: AnyExecutor, kind: ActionKind, subjectRef: string): Promise<boolean> {
    const trx = riskTables.of(handle);
    if (await repo.updatePendingAllowed(trx, kind, subjectRef)) return true;
    const d = await repo.findDecisionBySubject(trx, kind, subjectRef);
    return !d || d.status === 'allowed' || d.status === 'released';
  }

  function registerReleaser(kind: ActionKind, releaser: Releaser) {
    releasers.set(kind, releaser);
  }

  /** Release or cancel held cases, each in its own transaction: a case is reviewed (and paid) once. */
  async function review(actorId: string, ids: string[], to: 'released' | 'cancelled', reason: string) {
    const done: string[] = [];
    const skipped: { id: string; status: string }[] = [];
    for (const id of ids) {
      const outcome = await db.transaction().execute(async (trx) => {
        const d = await repo.updateReviewed(trx, id, to, actorId, reason, clock.now());
        if (!d) return (await repo.findDecision(trx, id))?.status ?? 'missing';
        const releaser = releasers.get(d.action_kind);
        if (to === 'released') await releaser?.release(trx, d);
        else await releaser?.cancel?.(trx, d);
        await recordAudit(trx, clock.now(), { actorId, action: to === 'released' ? 'risk.case_released' : 'risk.case_cancelled', subjectType: 'risk_decision', subjectId: id, details: { reason, kind: d.action_kind, subjectRef: d.subject_ref } });
        await publishEvent(trx, clock.now(), to === 'released' ? 'risk.released' : 'risk.cancelled', id, { ...caseFacts(d), reviewerId: actorId });
        return 'done';
      });
      if (outcome === 'done') done.push(id);
      else skipped.push({ id, status: outcome });
    }
    return { done, skipped };
  }

  async function reviewOne(actorId: string, id: string, to: 'released' | 'cancelled', reason: string) {
    const r = await review(actorId, [id], to, reason);
    if (r.skipped[0]?.status === 'missing') throw notFound('RISK_DECISION_NOT_FOUND', 'No such risk case', { id });
    if (r.skipped.length) throw conflict('RISK_NOT_HELD', `This case is ${r.skipped[0]!.status}, not held`, { id, status: r.skipped[0]!.status });
    return (await repo.findDecision(db, id))!;
  }

  // ---- event consumers: what is known outside the reward points ---------------------------------
  // Sign-up: the account's age starts, its email domain is kept (a throwaway one weighs on every
  // later decision), and the device, network and browser of its first session are recorded.
  async function onRegistered(handle: AnyExecutor, userId: string, deviceId: string | null, at: Date) {
    const trx = riskTables.of(handle);
    const me = (await deps.identity.fraudFacts(trx, [userId])).get(userId);
    const email = emailDomainOf(me?.email ?? null);
    await repo.insertAccount(trx, userId, at, email);
    const origin = await deps.identity.signInOrigin(trx, userId);
    await recordPresence(trx, userId, 'account.registered', at, { deviceId, ip: origin?.ip ?? null, userAgent: origin?.user_agent ?? null, phonePrefix: phonePrefix(me?.phone ?? null), emailDomain: email.domain, disposableEmail: email.disposable });
  }

  /** Sign-in: the device and the session's client IP (its /24) and browser. */
  async function onSignedIn(handle: AnyExecutor, userId: string, deviceId: string | null, at: Date) {
    const trx = riskTables.of(handle);
    const origin = await deps.identity.signInOrigin(trx, userId);
    await recordPresence(trx, userId, 'account.signed_in', at, { deviceId, ip: origin?.ip ?? null, userAgent: origin?.user_agent ?? null });
  }

  /** A paid order: first-order status, and its shipping address (normalised, hashed) links the accounts that ship there. */
  async function onOrderPaid(handle: AnyExecutor, userId: string, orderId: string, at: Date) {
    const trx = riskTables.of(handle);
    const order = await deps.orders.getOrderRecord(trx, orderId, userId);
    // The card the gateway fingerprinted links accounts paying with it, and is blacklistable.
    const cardFingerprint = await deps.payments.cardFingerprintOf(trx, orderId);
    await repo.updatePaid(trx, userId, at, cardFingerprint);
    await recordPresence(trx, userId, 'order.paid', at, { addressHash: addressHash(openOrderAddress(p.pii, order.address)), cardFingerprint });
  }

  async function recordPresence(trx: RiskDb, userId: string, kind: PresenceKind, at: Date, seen: { deviceId?: string | null; ip?: string | null; userAgent?: string | null; phonePrefix?: string | null; emailDomain?: string | null; disposableEmail?: boolean; addressHash?: string | null; cardFingerprint?: string | null }) {
    if (!seen.deviceId && !seen.ip && !seen.addressHash && !seen.emailDomain && !seen.cardFingerprint) return;
    await repo.insertSignal(trx, {
      id: newId(), user_id: userId, action_kind: kind, campaign_id: null, device_id: seen.deviceId ?? null, ip: seen.ip ?? null, ip_prefix: networkPrefix(seen.ip ?? null), user_agent: seen.userAgent?.slice(0, 300) ?? null,
      phone_prefix: seen.phonePrefix ?? null, address_hash: seen.addressHash ?? null, card_fingerprint: seen.cardFingerprint ?? null, email_domain: seen.emailDomain ?? null, disposable_email: seen.disposableEmail ?? false, account_age_seconds: null, first_order: null, at,
    });
  }

  const admin = createRiskAdmin(p, { holdPending, rulesChanged: () => void (rules = null), blacklistChanged: blacklists.changed });

  return { assess, guard, guardWithin, guardWithinAhead, mayPay, registerReleaser, review, reviewOne, holdPending, onRegistered, onSignedIn, onOrderPaid, ...admin };
}

export function caseFacts(d: DecisionRow) {
  return { decisionId: d.id, actionKind: d.action_kind, userId: d.user_id, campaignId: d.campaign_id, score: d.score };
}

const OFF: Decision = { id: null, verdict: 'allow', status: 'allowed', score: 0, reasons: [] };

export const present = (d: DecisionRow): Decision => ({ id: d.id, verdict: d.verdict, status: d.status, score: d.score, reasons: d.reasons });

export type RiskService = ReturnType<typeof createRiskService>;
