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
import * as repo from './risk.repo.ts';
import type { DecisionRow } from './risk.repo.ts';
import { explain, tuningFrom, type Tuning, ipInRanges, levelFor, mechanicOf, networkPrefix, phonePrefix, reasonsFor, scoreOf, verdictFor, type ActionKind, type BlacklistKind, type Evidence, type Reason, type Signals, type Verdict } from './risk.rules.ts';
import { riskTables, type DecisionStatus, type RiskDb, type RiskPlatform } from './risk.table.ts';
import { createRiskAdmin } from './risk.admin.ts';

export const RECOMPUTE_GRAPH_JOB = 'risk.recompute-graph';
const DAY = 86_400_000;
/** How far back identifiers link accounts. */
export const LOOKBACK_MS = 30 * DAY;
/** The window a network burst is counted in. */
const BURST_MS = 3_600_000;

/** One action at a mechanic's reward point. */
export interface RiskAction {
  kind: ActionKind;
  userId: string;
  campaignId: string | null;
  /** The mechanic's own key for what a release pays (a reward key, a coupon claim); unique per kind. */
  subjectRef?: string | null;
  /** The other side: the inviter, the price-cut owner, the team leader, the promoter. */
  counterpartId?: string | null;
  /** The value at stake in fen (a reward's cost, a coupon's face value). */
  money?: { amount: number; currency: string };
  /** What the releaser needs to pay later (a claimed coupon's template). */
  payload?: Record<string, string>;
  /** The mechanic pays later (its own review window): new evidence may still hold it meanwhile. */
  paysLater?: boolean;
  /** Identifiers the mechanic knows and a request does not carry. */
  known?: { addressHash?: string | null; cardFingerprint?: string | null };
}

export interface Decision {
  id: string;
  verdict: Verdict;
  status: DecisionStatus;
  score: number;
  reasons: Reason[];
}

/** How a mechanic pays a held reward on release, and undoes its reservation on cancel, in the review's transaction. */
export interface Releaser {
  release(trx: AnyExecutor, decision: DecisionRow): Promise<void>;
  cancel?(trx: AnyExecutor, decision: DecisionRow): Promise<void>;
}

export function createRiskService(p: RiskPlatform, deps: { identity: IdentityService }) {
  const { db, clock } = p;
  const releasers = new Map<ActionKind, Releaser>();

  /** The device, network and browser of the request being served, else of the account's newest signal. */
  async function whereFrom(trx: RiskDb, userId: string) {
    const origin = p.origins.latest(userId);
    if (origin) return origin;
    const last = await repo.findLatestSignal(trx, userId);
    return { deviceId: last?.device_id ?? null, ip: last?.ip ?? null, userAgent: last?.user_agent ?? null };
  }

  async function gather(trx: RiskDb, action: RiskAction, now: Date, tuning: Tuning): Promise<Evidence> {
    const since = new Date(now.getTime() - LOOKBACK_MS);
    const from = await whereFrom(trx, action.userId);
    const ids = [action.userId, ...(action.counterpartId ? [action.counterpartId] : [])];
    const facts = await deps.identity.fraudFacts(trx, ids);
    const me = facts.get(action.userId);
    const account = await repo.findAccount(trx, action.userId);
    const signals: Signals = {
      deviceId: from.deviceId,
      ip: from.ip,
      ipPrefix: networkPrefix(from.ip),
      userAgent: from.userAgent,
      phonePrefix: phonePrefix(me?.phone ?? null),
      addressHash: action.known?.addressHash ?? null,
      cardFingerprint: action.known?.cardFingerprint ?? null,
      // Sign-up does not hand risk the email (identity's customer.registered says only hasEmail).
      emailDomain: null,
      disposableEmail: false,
      accountAgeSeconds: account ? Math.max(0, Math.round((now.getTime() - account.registered_at.getTime()) / 1000)) : null,
      firstOrder: account ? account.first_paid_at === null : null,
    };
    const mine = await repo.findIdentifiersOf(trx, action.userId, since);
    const myDevices = [...new Set([...(signals.deviceId ? [signals.deviceId] : []), ...(me?.devices ?? []), ...mine.devices])].slice(0, 50);
    const onDevices = await repo.findAccountsOnDevices(trx, myDevices, since);
    const perDevice = new Map<string, Set<string>>();
    for (const r of onDevices) perDevice.set(r.device_id!, (perDevice.get(r.device_id!) ?? new Set<string>()).add(r.user_id));
    const deviceAccounts = Math.max(1, ...[...perDevice.values()].map((s) => s.add(action.userId).size));
    const networkAccounts = signals.ipPrefix ? 1 + (await repo.countAccountsOnNetwork(trx, { prefix: signals.ipPrefix, kind: action.kind, campaignId: action.campaignId, since: new Date(now.getTime() - BURST_MS) })) : 1;

    let counterpart: Evidence['counterpart'] = null;
    if (action.counterpartId && action.counterpartId !== action.userId) {
      const other = facts.get(action.counterpartId);
      const theirs = await repo.findIdentifiersOf(trx, action.counterpartId, since);
      const theirDevices = new Set([...(other?.devices ?? []), ...theirs.devices]);
      const theirDeviceAccounts = new Map<string, Set<string>>();
      for (const r of await repo.findAccountsOnDevices(trx, [...theirDevices].slice(0, 50), since)) theirDeviceAccounts.set(r.device_id!, (theirDeviceAccounts.get(r.device_id!) ?? new Set<string>()).add(r.user_id));
      counterpart = {
        onDeviceFarm: [...theirDeviceAccounts.values()].some((users) => users.size >= tuning.deviceFarmAccounts),
        sharesDevice: myDevices.some((d) => theirDevices.has(d)),
        sharesNetwork: !!signals.ipPrefix && theirs.networks.includes(signals.ipPrefix),
        sharesPhonePrefix: !!signals.phonePrefix && signals.phonePrefix === phonePrefix(other?.phone ?? null),
      };
    }
    const hits = await repo.findBlacklistHits(trx, [
      ...myDevices.map((d) => ({ kind: 'device' as const, value: d })),
      { kind: 'phone', value: me?.phone ?? null },
      { kind: 'card', value: signals.cardFingerprint },
      { kind: 'address', value: signals.addressHash },
    ]);
    const blacklisted = [...new Set<BlacklistKind>([...hits.exact, ...(ipInRanges(signals.ip, hits.ranges) ? ['ip' as const] : [])])];
    const cluster = await repo.findClusterOf(trx, action.userId);
    return { signals, blacklisted, counterpart, deviceAccounts, networkAccounts, ring: cluster ? { size: cluster.size, why: cluster.why } : null };
  }

  /**
   * Decide one action inside the caller's transaction: records its signals and the decision, holds
   * the unpaid rewards of the other accounts on a device found to be a farm, and returns the
   * verdict. A subject decided before (a redelivered event) gets its first decision back.
   */
  async function assess(handle: AnyExecutor, action: RiskAction): Promise<Decision> {
    const trx = riskTables.of(handle);
    if (action.subjectRef) {
      const earlier = await repo.findDecisionBySubject(trx, action.kind, action.subjectRef);
      if (earlier) return present(earlier);
    }
    const now = clock.now();
    const tuning = tuningFrom(await repo.findTuning(trx));
    const evidence = await gather(trx, action, now, tuning);
    const reasons = reasonsFor(evidence, tuning);
    const score = scoreOf(reasons);
    const levels = await repo.findLevels(trx, mechanicOf(action.kind), action.campaignId);
    const level = levelFor(levels.campaign, levels.mechanic);
    let verdict = verdictFor(score, level);
    // An operator who released this account's earlier case on this campaign vouched for it; a
    // blacklist entry made since still blocks.
    if (verdict !== 'allow' && !evidence.blacklisted.length && (await repo.hasRelease(trx, action.userId, action.kind, action.campaignId))) verdict = 'allow';
    const s = evidence.signals;
    await repo.insertSignal(trx, { id: newId(), user_id: action.userId, action_kind: action.kind, campaign_id: action.campaignId, device_id: s.deviceId, ip: s.ip, ip_prefix: s.ipPrefix, user_agent: s.userAgent, phone_prefix: s.phonePrefix, address_hash: s.addressHash, card_fingerprint: s.cardFingerprint, email_domain: s.emailDomain, disposable_email: s.disposableEmail, account_age_seconds: s.accountAgeSeconds, first_order: s.firstOrder, at: now });
    // New evidence re-scores earlier rewards: the accounts of a device farm, and those they earned
    // rewards for, lose their unpaid payouts to review.
    if (evidence.deviceAccounts >= tuning.deviceFarmAccounts && s.deviceId) {
      const farm = (await repo.findAccountsOnDevices(trx, [s.deviceId], new Date(now.getTime() - LOOKBACK_MS))).map((r) => r.user_id);
      await holdPending(trx, [...new Set([...farm, action.userId])], { code: 'DEVICE_FARM', weight: 60, detail: { accounts: evidence.deviceAccounts } });
    }
    const text = explain(verdict, score, reasons);
    const status: DecisionStatus = verdict === 'block' ? 'blocked' : verdict === 'hold' ? 'held' : action.paysLater ? 'pending' : 'allowed';
    const row = await repo.insertDecision(trx, {
      id: newId(), action_kind: action.kind, subject_ref: action.subjectRef ?? null, user_id: action.userId, campaign_id: action.campaignId, counterpart_id: action.counterpartId ?? null,
      verdict, level, score, reasons: JSON.stringify(reasons), explanation_en: text.en, explanation_zh: text.zh, signals: JSON.stringify(s), payload: JSON.stringify(action.payload ?? {}),
      status, money_amount: action.money?.amount ?? 0, currency: action.money?.currency ?? 'CNY', reviewer_id: null, review_reason: null, reviewed_at: null, created_at: now,
    });
    const decision = row ?? (await repo.findDecisionBySubject(trx, action.kind, action.subjectRef!))!;
    if (row && verdict !== 'allow') await publishEvent(trx, now, verdict === 'hold' ? 'risk.held' : 'risk.blocked', row.id, caseFacts(row));
    await scheduleJob(trx, { kind: RECOMPUTE_GRAPH_JOB, payload: {}, runAt: new Date(now.getTime() + 60_000), dedupeKey: `risk-graph:${Math.floor(now.getTime() / 300_000)}`, now });
    return present(decision);
  }

  /** Hold the unpaid (pending) rewards of some accounts for a new reason: the ring was found later. */
  async function holdPending(trx: RiskDb, userIds: string[], reason: Reason) {
    const now = clock.now();
    for (const d of await repo.lockPendingOf(trx, userIds)) {
      const reasons = [...d.reasons.filter((r) => r.code !== reason.code), reason];
      const score = scoreOf(reasons);
      const text = explain('hold', score, reasons);
      const held = await repo.updateRescored(trx, d.id, { score, reasons: JSON.stringify(reasons), explanation_en: text.en, explanation_zh: text.zh });
      if (held) await publishEvent(trx, now, 'risk.held', d.id, { ...caseFacts(d), score });
    }
  }

  /**
   * For a request a block must refuse with nothing written: decides in risk's own transaction
   * (so the attempt is on record), then throws RISK_BLOCKED, or RISK_HELD when the action waits
   * for review (a release then pays it through the kind's releaser).
   */
  async function guard(action: RiskAction): Promise<Decision> {
    const decision = await db.transaction().execute((trx) => assess(trx, action));
    if (decision.verdict === 'block') throw new DomainError('forbidden', 'RISK_BLOCKED', 'This action was refused by our risk checks', { decisionId: decision.id, reasons: decision.reasons.map((r) => r.code) });
    if (decision.verdict === 'hold') throw new DomainError('forbidden', 'RISK_HELD', 'This is under review; you will get it once it is approved', { decisionId: decision.id });
    return decision;
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

  // ---- event consumers: account age, first order, sign-up and sign-in devices ------------------
  async function onRegistered(handle: AnyExecutor, userId: string, deviceId: string | null, at: Date) {
    const trx = riskTables.of(handle);
    await repo.insertAccount(trx, userId, at);
    if (deviceId) await recordPresence(trx, userId, 'account.registered', deviceId, at);
  }

  async function onSignedIn(handle: AnyExecutor, userId: string, deviceId: string | null, at: Date) {
    if (deviceId) await recordPresence(riskTables.of(handle), userId, 'account.signed_in', deviceId, at);
  }

  async function recordPresence(trx: RiskDb, userId: string, kind: 'account.registered' | 'account.signed_in', deviceId: string, at: Date) {
    await repo.insertSignal(trx, { id: newId(), user_id: userId, action_kind: kind, campaign_id: null, device_id: deviceId, ip: null, ip_prefix: null, user_agent: null, phone_prefix: null, address_hash: null, card_fingerprint: null, email_domain: null, disposable_email: false, account_age_seconds: null, first_order: null, at });
  }

  async function onOrderPaid(handle: AnyExecutor, userId: string, at: Date) {
    await repo.updateFirstPaid(riskTables.of(handle), userId, at);
  }

  const admin = createRiskAdmin(p, { holdPending });

  return { assess, guard, mayPay, registerReleaser, review, reviewOne, holdPending, onRegistered, onSignedIn, onOrderPaid, ...admin };
}

export function caseFacts(d: DecisionRow) {
  return { decisionId: d.id, actionKind: d.action_kind, userId: d.user_id, campaignId: d.campaign_id, score: d.score };
}

export const present = (d: DecisionRow): Decision => ({ id: d.id, verdict: d.verdict, status: d.status, score: d.score, reasons: d.reasons });

export type RiskService = ReturnType<typeof createRiskService>;
