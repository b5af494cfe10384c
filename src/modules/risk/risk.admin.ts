// What operators work with: the review queue with each case's cluster, the blacklist, the levels
// per mechanic and per campaign, the per-campaign summary, and the graph job that finds rings and
// re-scores their unpaid rewards.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './risk.repo.ts';
import type { DecisionRow } from './risk.repo.ts';
import { addressHash, burstAlerts, normaliseRange, tuningFrom, type ActionKind, type BlacklistKind, type Level, type Reason, type Tuning } from './risk.rules.ts';
import { communities, DEFAULT_GRAPH_OPTIONS, DEFAULT_LOCKSTEP, densestBlock, identityGraph, lockstepGroups, rings, type Link } from './risk.graph.ts';
import type { DecisionStatus, RiskDb, RiskPlatform } from './risk.table.ts';

const LOOKBACK_MS = 30 * 86_400_000;
/** At most this many signal rows feed one recompute (newest first): bounded time and memory. */
const GRAPH_MAX_SIGNALS = 50_000;
/** At most this many holds and blocks are read for alerts (the newest). */
const ALERT_MAX_REFUSALS = 5_000;
/** Accounts from which a linked group is a ring. */
const MIN_RING = 3;
/** Actions decided while serving the shopper's own request: their time is the shopper's. */
const SHOPPER_TIMED = new Set<string>(['coupon.claim', 'coupon.pack', 'bargain.help', 'groupbuy.join', 'lottery.draw'] satisfies ActionKind[]);
/** A dense block counts when its accounts are this young at their newest action. */
const YOUNG_SECONDS = 7 * 86_400;

export function createRiskAdmin(p: RiskPlatform, deps: { holdPending(trx: RiskDb, userIds: string[], reason: Reason): Promise<void>; rulesChanged(): void; blacklistChanged(): Promise<void> }) {
  const { db, clock } = p;

  // ---- blacklist ------------------------------------------------------------------------------
  async function addToBlacklist(actorId: string, input: { kind: BlacklistKind; value: string; note: string }) {
    const value = blacklistValue(input.kind, input.value);
    if (!value) throw invalid('RISK_BLACKLIST_INVALID', `Not a valid ${input.kind} entry`, { kind: input.kind });
    const added = await db.transaction().execute(async (trx) => {
      const row = await repo.insertBlacklist(trx, { id: newId(), kind: input.kind, value, note: input.note.trim(), created_by: actorId, created_at: clock.now() });
      if (!row) throw conflict('RISK_BLACKLIST_DUPLICATE', 'That entry is already on the blacklist', { kind: input.kind, value });
      await recordAudit(trx, clock.now(), { actorId, action: 'risk.blacklist_added', subjectType: 'risk_blacklist', subjectId: row.id, details: { kind: row.kind, note: row.note } });
      return row;
    });
    await deps.blacklistChanged();
    return added;
  }

  async function removeFromBlacklist(actorId: string, id: string) {
    return db.transaction().execute(async (trx) => {
      const row = await repo.deleteBlacklist(trx, id);
      if (!row) throw notFound('RISK_BLACKLIST_NOT_FOUND', 'No such blacklist entry', { id });
      await recordAudit(trx, clock.now(), { actorId, action: 'risk.blacklist_removed', subjectType: 'risk_blacklist', subjectId: id, details: { kind: row.kind } });
    });
    await deps.blacklistChanged();
  }

  const listBlacklist = (kind?: BlacklistKind) => repo.findBlacklist(db, kind);

  // ---- levels ---------------------------------------------------------------------------------
  async function setLevel(actorId: string, scope: 'mechanic' | 'campaign', key: string, level: Level | null) {
    await db.transaction().execute(async (trx) => {
      if (level) await repo.upsertLevel(trx, scope, key, level, clock.now());
      else await repo.deleteLevel(trx, scope, key);
      await recordAudit(trx, clock.now(), { actorId, action: 'risk.level_set', subjectType: `risk_level_${scope}`, subjectId: key, details: { level } });
    });
    deps.rulesChanged();
    return repo.findAllLevels(db);
  }

  const listLevels = () => repo.findAllLevels(db);

  // ---- tuning: the thresholds the rules count against -------------------------------------------
  const getTuning = async () => tuningFrom(await repo.findTuning(db));

  async function setTuning(actorId: string, patch: Partial<Tuning>) {
    await db.transaction().execute(async (trx) => {
      for (const [key, value] of Object.entries(patch)) await repo.upsertTuning(trx, key, value, clock.now());
      await recordAudit(trx, clock.now(), { actorId, action: 'risk.tuning_set', subjectType: 'risk_tuning', subjectId: 'rules', details: patch });
    });
    deps.rulesChanged();
    return getTuning();
  }

  // ---- queue and cases ------------------------------------------------------------------------
  const listCases = (q: { status?: DecisionStatus; campaignId?: string; kind?: ActionKind; limit: number; before?: Date }) => repo.findDecisions(db, q);

  /** One case with the accounts around it: its flagged cluster, else the accounts sharing its device or network. */
  async function getCase(id: string) {
    const d = await repo.findDecision(db, id);
    if (!d) throw notFound('RISK_DECISION_NOT_FOUND', 'No such risk case', { id });
    return { decision: d, cluster: await clusterAround(d) };
  }

  async function clusterAround(d: DecisionRow) {
    const since = new Date(clock.now().getTime() - LOOKBACK_MS);
    const flagged = await repo.findClusterOf(db, d.user_id);
    let members = flagged ? (await repo.findClusterMembers(db, flagged.cluster_id)).map((r) => r.user_id) : [];
    if (members.length === 0) {
      const own = await repo.findSignalsOf(db, [d.user_id], since);
      const devices = [...new Set(own.flatMap((s) => (s.device_id ? [s.device_id] : [])))];
      const networks = [...new Set(own.flatMap((s) => (s.ip_prefix ? [s.ip_prefix] : [])))];
      members = (await repo.findNeighbours(db, devices, networks, since)).map((r) => r.user_id);
    }
    const ids = [...new Set([d.user_id, ...(d.counterpart_id ? [d.counterpart_id] : []), ...members])].slice(0, 60);
    const links: Link[] = (await repo.findSignalsOf(db, ids, since)).flatMap((s) => [
      ...(s.device_id ? [{ userId: s.user_id, kind: 'device' as const, value: s.device_id }] : []),
      ...(s.ip_prefix ? [{ userId: s.user_id, kind: 'network' as const, value: s.ip_prefix }] : []),
      ...(s.address_hash ? [{ userId: s.user_id, kind: 'address' as const, value: s.address_hash }] : []),
      ...(s.card_fingerprint ? [{ userId: s.user_id, kind: 'card' as const, value: s.card_fingerprint }] : []),
    ]);
    const graph = identityGraph(links, DEFAULT_GRAPH_OPTIONS);
    for (const u of ids) graph.mergeNode(u);
    return {
      clusterId: flagged?.cluster_id ?? null,
      why: flagged?.why ?? null,
      nodes: graph.mapNodes((n) => ({ id: n, role: n === d.user_id ? 'subject' : n === d.counterpart_id ? 'counterpart' : 'linked' })),
      edges: graph.mapEdges((_e, attr, source, target) => ({ source, target, kinds: attr.kinds, weight: Math.round(attr.weight * 100) / 100 })),
    };
  }

  /** Per campaign and mechanic: held value and count, blocked attempts, released and cancelled, over the last `days`. */
  async function summary(days: number) {
    const rows = await repo.summariseByCampaign(db, new Date(clock.now().getTime() - days * 86_400_000));
    const by = new Map<string, { campaignId: string | null; actionKind: string; held: number; heldAmount: number; blocked: number; blockedAmount: number; released: number; cancelled: number; cancelledAmount: number; allowed: number }>();
    for (const r of rows) {
      const key = `${r.campaign_id}|${r.action_kind}`;
      const s = by.get(key) ?? { campaignId: r.campaign_id, actionKind: r.action_kind, held: 0, heldAmount: 0, blocked: 0, blockedAmount: 0, released: 0, cancelled: 0, cancelledAmount: 0, allowed: 0 };
      const n = Number(r.n);
      const money = Number(r.money ?? 0);
      if (r.status === 'held') [s.held, s.heldAmount] = [s.held + n, s.heldAmount + money];
      else if (r.status === 'blocked') [s.blocked, s.blockedAmount] = [s.blocked + n, s.blockedAmount + money];
      else if (r.status === 'cancelled') [s.cancelled, s.cancelledAmount] = [s.cancelled + n, s.cancelledAmount + money];
      else if (r.status === 'released') s.released += n;
      else s.allowed += n;
      by.set(key, s);
    }
    return [...by.values()];
  }

  /** Bursts of holds and blocks on one campaign or from one network over the last `hours` (newest first). */
  async function alerts(hours: number) {
    const rows = await repo.findRefusalsSince(db, new Date(clock.now().getTime() - hours * 3_600_000), ALERT_MAX_REFUSALS);
    return burstAlerts(rows.map((r) => ({ campaignId: r.campaign_id, ipPrefix: r.signals.ipPrefix ?? null, kind: r.action_kind, at: r.created_at, money: Number(r.money_amount) })));
  }

  // ---- the graph job --------------------------------------------------------------------------
  /**
   * Rebuild the identity graph from the newest signals (capped), flag rings (strong-link
   * components), lockstep groups, and dense blocks of young accounts inside Louvain communities;
   * record the clusters and hold the unpaid rewards of every flagged account.
   */
  async function recomputeGraph() {
    const now = clock.now();
    const rows = await repo.findSignalsSince(db, new Date(now.getTime() - LOOKBACK_MS), GRAPH_MAX_SIGNALS);
    // A shipping address does not link accounts: a pickup station, a parcel locker, an office or a
    // family is several honest customers at one address. It stays on record and on the blacklist.
    const links: Link[] = rows.flatMap((s) => [
      ...(s.device_id ? [{ userId: s.user_id, kind: 'device' as const, value: s.device_id }] : []),
      ...(s.ip_prefix ? [{ userId: s.user_id, kind: 'network' as const, value: s.ip_prefix }] : []),
      ...(s.card_fingerprint ? [{ userId: s.user_id, kind: 'card' as const, value: s.card_fingerprint }] : []),
    ]);
    const graph = identityGraph(links, DEFAULT_GRAPH_OPTIONS);
    const actions = rows.filter((s) => !s.action_kind.startsWith('account.'));
    const flagged: { users: string[]; why: string }[] = rings(graph, MIN_RING).map((users) => ({ users, why: 'shared device/card' }));
    // Lockstep reads only the actions a shopper timed (a claim, a help, a join, a draw): rewards
    // decided in the background carry the time a worker got to them, and a worker's batch is not a ring.
    const timed = actions.filter((s) => SHOPPER_TIMED.has(s.action_kind));
    flagged.push(...lockstepGroups(timed.map((s) => ({ userId: s.user_id, key: `${s.campaign_id}:${s.action_kind}`, at: s.at.getTime() })), DEFAULT_LOCKSTEP).map((users) => ({ users, why: 'lockstep' })));
    const ageOf = new Map<string, number>();
    for (const s of actions) if (s.account_age_seconds !== null && !ageOf.has(s.user_id)) ageOf.set(s.user_id, s.account_age_seconds);
    for (const community of communities(graph, MIN_RING)) {
      const inside = new Set(community);
      const block = densestBlock(actions.filter((s) => inside.has(s.user_id) && s.campaign_id).map((s) => ({ userId: s.user_id, campaignId: s.campaign_id! })));
      const young = block.users.filter((u) => (ageOf.get(u) ?? Infinity) < YOUNG_SECONDS);
      if (block.users.length >= MIN_RING && young.length === block.users.length) flagged.push({ users: block.users, why: 'dense block of new accounts' });
    }
    // An account in several flagged groups keeps the largest.
    const best = new Map<string, { clusterId: string; size: number; why: string }>();
    for (const f of flagged) {
      const clusterId = `${f.why.split(' ')[0]}:${f.users[0]}`;
      for (const u of f.users) if ((best.get(u)?.size ?? 0) < f.users.length) best.set(u, { clusterId, size: f.users.length, why: f.why });
    }
    await db.transaction().execute(async (trx) => {
      await repo.replaceClusters(trx, [...best].map(([user_id, c]) => ({ user_id, cluster_id: c.clusterId, size: c.size, why: c.why, computed_at: now })));
      const bySize = new Map<string, string[]>();
      for (const [u, c] of best) bySize.set(`${c.size}|${c.why}`, [...(bySize.get(`${c.size}|${c.why}`) ?? []), u]);
      for (const [key, users] of bySize) {
        const [size, why] = key.split('|') as [string, string];
        await deps.holdPending(trx, users, { code: 'RING_MEMBER', weight: 60, detail: { size: Number(size), why } });
      }
    });
    return { accounts: graph.order, links: graph.size, flaggedAccounts: best.size, clusters: new Set([...best.values()].map((c) => c.clusterId)).size };
  }

  return { addToBlacklist, removeFromBlacklist, listBlacklist, setLevel, listLevels, getTuning, setTuning, listCases, getCase, summary, alerts, recomputeGraph };
}

/** An entry as stored: IP ranges as normalised CIDR, addresses hashed like the signals, the rest trimmed. */
export function blacklistValue(kind: BlacklistKind, raw: string): string | null {
  const value = raw.trim();
  if (!value) return null;
  if (kind === 'ip') return normaliseRange(value);
  if (kind === 'address') return addressHash({ line1: value });
  if (kind === 'phone') return /^\+?\d{6,15}$/.test(value.replace(/[\s-]/g, '')) ? value.replace(/[\s-]/g, '') : null;
  return /^[\w:.-]{4,128}$/.test(value) ? value : null;
}
