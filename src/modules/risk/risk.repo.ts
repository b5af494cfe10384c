// All of the risk module's SQL; no business decisions here.
import { sql, type Insertable } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { DecisionStatus, RiskDb, RiskDecisionsTable, RiskSignalsTable, RiskBlacklistTable, RiskClusterMembersTable } from './risk.table.ts';
import type { ActionKind, BlacklistKind, Level } from './risk.rules.ts';
import { slot, type QueryShapes } from './risk.query-shapes.ts';

export type DecisionRow = Awaited<ReturnType<typeof findDecision>> & {};

export async function insertSignal(db: RiskDb, row: Insertable<RiskSignalsTable>) {
  await db.insertInto('risk_signals').values(row).execute();
}

/** The account's newest identifiers (for decisions made away from a request: event consumers). */
export async function findLatestSignal(db: RiskDb, userId: string) {
  return db.selectFrom('risk_signals').select(['device_id', 'ip', 'user_agent']).where('user_id', '=', userId)
    .where((eb) => eb.or([eb('device_id', 'is not', null), eb('ip', 'is not', null)]))
    .orderBy('at', 'desc').limit(1).executeTakeFirst();
}

/** Devices and networks an account was seen on since `since`. */
export async function findIdentifiersOf(db: RiskDb, userId: string, since: Date) {
  const rows = await db.selectFrom('risk_signals').select(['device_id', 'ip_prefix']).distinct().where('user_id', '=', userId).where('at', '>=', since).limit(200).execute();
  return { devices: rows.flatMap((r) => (r.device_id ? [r.device_id] : [])), networks: rows.flatMap((r) => (r.ip_prefix ? [r.ip_prefix] : [])) };
}

/** Accounts seen on each of these devices since `since`. */
export async function findAccountsOnDevices(db: RiskDb, devices: string[], since: Date) {
  if (devices.length === 0) return [];
  return db.selectFrom('risk_signals').select(['device_id', 'user_id']).distinct().where('device_id', 'in', devices).where('at', '>=', since).limit(500).execute();
}

export async function findAccount(db: RiskDb, userId: string) {
  return db.selectFrom('risk_accounts').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** How many of these accounts have paid for an order. */
export async function countPayingAccounts(db: RiskDb, userIds: string[]): Promise<number> {
  const row = await db.selectFrom('risk_accounts').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', 'in', userIds.slice(0, 100)).where('first_paid_at', 'is not', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAccount(db: RiskDb, userId: string, at: Date, email: { domain: string | null; disposable: boolean }) {
  await db.insertInto('risk_accounts').values({ user_id: userId, registered_at: at, first_paid_at: null, email_domain: email.domain, disposable_email: email.disposable, card_fingerprint: null }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
}

/** A paid order: the account's first paid time (kept once set) and the card it paid with, in one statement. */
export async function updatePaid(db: RiskDb, userId: string, at: Date, cardFingerprint: string | null) {
  await db.updateTable('risk_accounts')
    .set((eb) => ({ first_paid_at: eb.fn.coalesce('first_paid_at', eb.val(at)), card_fingerprint: eb.fn.coalesce(eb.val(cardFingerprint), 'card_fingerprint') }))
    .where('user_id', '=', userId).execute();
}

export async function upsertLevel(db: RiskDb, scope: 'mechanic' | 'campaign', key: string, level: Level, now: Date) {
  await db.insertInto('risk_levels').values({ scope, key, level, updated_at: now }).onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ level, updated_at: now })).execute();
}

export async function deleteLevel(db: RiskDb, scope: 'mechanic' | 'campaign', key: string) {
  await db.deleteFrom('risk_levels').where('scope', '=', scope).where('key', '=', key).execute();
}

export async function findAllLevels(db: RiskDb) {
  return db.selectFrom('risk_levels').selectAll().orderBy('scope').orderBy('key').execute();
}

export async function findClusterOf(db: RiskDb, userId: string) {
  return db.selectFrom('risk_cluster_members').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function findClusterMembers(db: RiskDb, clusterId: string) {
  return db.selectFrom('risk_cluster_members').select('user_id').where('cluster_id', '=', clusterId).limit(200).execute();
}

export async function replaceClusters(db: RiskDb, rows: Insertable<RiskClusterMembersTable>[]) {
  await db.deleteFrom('risk_cluster_members').execute();
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('risk_cluster_members').values(rows.slice(i, i + 500)).execute();
}

/** Whether an operator released an earlier case of this account on this kind and campaign. */
export async function hasRelease(db: RiskDb, userId: string, kind: ActionKind, campaignId: string | null) {
  let q = db.selectFrom('risk_decisions').select('id').where('user_id', '=', userId).where('action_kind', '=', kind).where('status', '=', 'released');
  q = campaignId ? q.where('campaign_id', '=', campaignId) : q.where('campaign_id', 'is', null);
  return !!(await q.limit(1).executeTakeFirst());
}

/**
 * The action's signal row and its decision in one statement (a data-modifying CTE: one round trip
 * on the hot path). The decision is inserted once per (kind, subject): undefined when that subject
 * already has its decision (the signal is recorded either way). `whole` returns the decision's
 * row (a hold or block is published and reserved from it), else only its id (an allow needs no
 * more). Compiled once per shape (risk.query-shapes.ts).
 */
export async function insertDecisionWithSignal(db: RiskDb, shapes: QueryShapes, signal: Insertable<RiskSignalsTable>, row: Insertable<RiskDecisionsTable>, whole: true): Promise<DecisionRow | undefined>;
export async function insertDecisionWithSignal(db: RiskDb, shapes: QueryShapes, signal: Insertable<RiskSignalsTable>, row: Insertable<RiskDecisionsTable>, whole: false): Promise<{ id: string } | undefined>;
export async function insertDecisionWithSignal(db: RiskDb, shapes: QueryShapes, signal: Insertable<RiskSignalsTable>, row: Insertable<RiskDecisionsTable>, whole: boolean): Promise<DecisionRow | { id: string } | undefined> {
  const signalColumns = Object.keys(signal) as (keyof typeof signal & string)[];
  const decisionColumns = Object.keys(row) as (keyof typeof row & string)[];
  const slots = (prefix: string, columns: string[]) => Object.fromEntries(columns.map((c) => [c, slot(`${prefix}.${c}`)]));
  const insert = () => {
    const q = db.with('signal', (qb) => qb.insertInto('risk_signals').values(slots('signal', signalColumns) as Insertable<RiskSignalsTable>))
      .insertInto('risk_decisions').values(slots('decision', decisionColumns) as Insertable<RiskDecisionsTable>).onConflict((oc) => oc.columns(['action_kind', 'subject_ref']).doNothing());
    return whole ? q.returningAll() : q.returning('id');
  };
  const shape = `decision:${whole ? 'row' : 'id'}:${signalColumns.join(',')}:${decisionColumns.join(',')}`;
  return (await shapes.run<DecisionRow | { id: string }>(db, shape, insert, { signal, decision: row })).rows[0];
}

/**
 * Everything a decision reads from risk's own tables, in one statement (the hot path of every
 * claim and join pays one round trip for it, not six): an earlier decision on the same subject,
 * the account's sign-up facts, the accounts seen on its devices, the accounts of a network burst,
 * its ring, and the blacklist entries matching its identifiers (every IP range, matched in code).
 * Compiled once per shape (risk.query-shapes.ts): the values below are slots.
 */
export async function findEvidence(db: RiskDb, shapes: QueryShapes, q: {
  userId: string;
  devices: string[];
  since: Date;
  subject: { kind: ActionKind; ref: string } | null;
  network: { prefix: string; kind: ActionKind; campaignId: string | null; since: Date } | null;
  /** Matched here in SQL; null when the caller matches an in-process snapshot instead. */
  blacklist: { kind: BlacklistKind; value: string | null }[] | null;
  /** Check the card on file when the action brought none of its own. */
  cardOnFile: boolean;
}) {
  const wanted = (q.blacklist ?? []).filter((v) => v.value !== null);
  // What decides the SQL text: how many devices and blacklist values, which parts are asked, and
  // a campaign or none (`is null` is text, not a parameter).
  const network = q.network ? (q.network.campaignId ? 'campaign' : 'store') : 'none';
  const shape = `evidence:${q.devices.length}:${q.subject ? 's' : '-'}:${network}:${q.blacklist === null ? '-' : wanted.map((v) => v.kind).join(',')}:${q.cardOnFile ? 'c' : '-'}`;
  const values = { userId: q.userId, since: q.since, devices: q.devices, subject: q.subject, network: q.network, blacklisted: wanted.map((v) => v.value) };
  const result = await shapes.run(db, shape, () => evidenceQuery(db, { devices: q.devices.length, subject: !!q.subject, network, blacklist: q.blacklist === null ? null : wanted.map((v) => v.kind), cardOnFile: q.cardOnFile }), values);
  const row = result.rows[0]!;
  const account = row.account && {
    ...row.account,
    registered_at: new Date(row.account.registered_at as unknown as string),
    first_paid_at: row.account.first_paid_at === null ? null : new Date(row.account.first_paid_at as unknown as string),
  };
  const blacklist = (row.blacklist ?? []) as { kind: BlacklistKind; value: string }[];
  return {
    earlierId: row.earlier_id,
    account,
    onDevices: row.on_devices as { device_id: string | null; user_id: string }[],
    networkAccounts: Number(row.network_accounts),
    cluster: row.cluster,
    blacklist: { exact: blacklist.filter((r) => r.kind !== 'ip').map((r) => r.kind), ranges: blacklist.filter((r) => r.kind === 'ip').map((r) => r.value) },
  };
}

/** findEvidence's statement for one shape, its values as slots. */
function evidenceQuery(db: RiskDb, shape: { devices: number; subject: boolean; network: 'none' | 'store' | 'campaign'; blacklist: BlacklistKind[] | null; cardOnFile: boolean }) {
  const userId = slot<string>('userId');
  const since = slot<Date>('since');
  const devices = Array.from({ length: shape.devices }, (_, i) => slot<string>(`devices.${i}`));
  const mine = db.selectFrom('risk_signals as mine').select('mine.device_id').where('mine.user_id', '=', userId).where('mine.at', '>=', since).where('mine.device_id', 'is not', null);
  // The accounts on the given devices and on the account's own, as a union of two lookups by
  // device: `device in (…) or device in (subquery)` cannot use the device index and scanned every
  // signal of the table on every decision.
  const onDevices = db.selectFrom('risk_signals as on_mine').select(['on_mine.device_id', 'on_mine.user_id']).where('on_mine.device_id', 'in', mine).where('on_mine.at', '>=', since);
  const onAll = devices.length ? db.selectFrom('risk_signals').select(['device_id', 'user_id']).where('device_id', 'in', devices).where('at', '>=', since).union(onDevices) : onDevices.distinct();
  return db.selectNoFrom((eb) => [
    (shape.subject ? eb.selectFrom('risk_decisions').select('id').where('action_kind', '=', slot<ActionKind>('subject.kind')).where('subject_ref', '=', slot<string>('subject.ref')).limit(1) : sql<string | null>`null`).as('earlier_id'),
    jsonObjectFrom(eb.selectFrom('risk_accounts').select(['registered_at', 'first_paid_at', 'email_domain', 'disposable_email', 'card_fingerprint']).where('user_id', '=', userId)).as('account'),
    jsonArrayFrom(eb.selectFrom(onAll.as('on_devices')).select(['on_devices.device_id', 'on_devices.user_id']).limit(500)).as('on_devices'),
    (shape.network !== 'none'
      ? eb.selectFrom('risk_signals').select(sql<string>`count(distinct user_id)`.as('n')).where('ip_prefix', '=', slot<string>('network.prefix')).where('action_kind', '=', slot<ActionKind>('network.kind')).where('at', '>=', slot<Date>('network.since'))
        .where('campaign_id', shape.network === 'campaign' ? '=' : 'is', shape.network === 'campaign' ? slot<string>('network.campaignId') : null)
      : sql<string>`0`).as('network_accounts'),
    jsonObjectFrom(eb.selectFrom('risk_cluster_members').select(['size', 'why']).where('user_id', '=', userId)).as('cluster'),
    shape.blacklist === null ? sql<{ kind: BlacklistKind; value: string }[] | null>`null`.as('blacklist') : jsonArrayFrom(eb.selectFrom('risk_blacklist').select(['kind', 'value']).where((w) => w.or([
      w('kind', '=', 'ip'),
      ...shape.blacklist!.map((kind, i) => w.and([w('kind', '=', kind), w('value', '=', slot<string>(`blacklisted.${i}`))])),
      w.and([w('kind', '=', 'device'), w('value', 'in', mine)]),
      ...(shape.cardOnFile ? [w.and([w('kind', '=', 'card'), w('value', '=', w.selectFrom('risk_accounts as acc').select('acc.card_fingerprint').where('acc.user_id', '=', userId))])] : []),
    ]))).as('blacklist'),
  ]);
}

export async function findDecision(db: RiskDb, id: string) {
  return db.selectFrom('risk_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDecisionBySubject(db: RiskDb, kind: ActionKind, subjectRef: string) {
  return db.selectFrom('risk_decisions').selectAll().where('action_kind', '=', kind).where('subject_ref', '=', subjectRef).executeTakeFirst();
}

/** A pending decision's payout goes ahead: pending → allowed; null when it is not pending. */
export async function updatePendingAllowed(db: RiskDb, kind: ActionKind, subjectRef: string) {
  return db.updateTable('risk_decisions').set({ status: 'allowed' }).where('action_kind', '=', kind).where('subject_ref', '=', subjectRef).where('status', '=', 'pending').returning('id').executeTakeFirst();
}

/** The review itself: held → released / cancelled, once (the row that comes back is the one winner). */
export async function updateReviewed(db: RiskDb, id: string, to: 'released' | 'cancelled', reviewerId: string, reason: string, now: Date) {
  return db.updateTable('risk_decisions').set({ status: to, reviewer_id: reviewerId, review_reason: reason, reviewed_at: now }).where('id', '=', id).where('status', '=', 'held').returningAll().executeTakeFirst();
}

/**
 * What new evidence about some accounts can still withhold: their (or their counterparts') pending
 * payouts, and allowed decisions since `since` of the kinds whose mechanic can take a given reward back.
 */
export async function lockRescorableOf(db: RiskDb, userIds: string[], withholdable: ActionKind[], since: Date, only?: { kind: ActionKind; campaignId: string | null }) {
  if (userIds.length === 0) return [];
  let q = db.selectFrom('risk_decisions').selectAll();
  q = only ? q.where('user_id', 'in', userIds).where('action_kind', '=', only.kind).where('campaign_id', only.campaignId ? '=' : 'is', only.campaignId) : q.where((eb) => eb.or([eb('user_id', 'in', userIds), eb('counterpart_id', 'in', userIds)]));
  return q
    .where((eb) => eb.or([eb('status', '=', 'pending'), ...(withholdable.length ? [eb.and([eb('status', '=', 'allowed'), eb('action_kind', 'in', withholdable), eb('created_at', '>=', since)])] : [])]))
    .orderBy('id').limit(1000).forUpdate().execute();
}

/** A pending or allowed decision becomes held after re-scoring; undefined when it moved meanwhile. */
export async function updateRescored(db: RiskDb, id: string, from: DecisionStatus, patch: { score: number; reasons: string; explanation_en: string; explanation_zh: string }) {
  return db.updateTable('risk_decisions').set({ ...patch, verdict: 'hold', status: 'held' }).where('id', '=', id).where('status', '=', from).returning('id').executeTakeFirst();
}

/** Distinct accounts doing one kind of action on one campaign from one network since `since`. */
export async function findAccountsOnNetwork(db: RiskDb, q: { prefix: string; kind: string; campaignId: string | null; since: Date }) {
  let query = db.selectFrom('risk_signals').select('user_id').distinct().where('ip_prefix', '=', q.prefix).where('action_kind', '=', q.kind as ActionKind).where('at', '>=', q.since);
  query = q.campaignId ? query.where('campaign_id', '=', q.campaignId) : query.where('campaign_id', 'is', null);
  return (await query.limit(500).execute()).map((r) => r.user_id);
}

export async function findDecisions(db: RiskDb, q: { status?: DecisionStatus; campaignId?: string; kind?: ActionKind; limit: number; before?: Date }) {
  let query = db.selectFrom('risk_decisions').selectAll();
  if (q.status) query = query.where('status', '=', q.status);
  if (q.campaignId) query = query.where('campaign_id', '=', q.campaignId);
  if (q.kind) query = query.where('action_kind', '=', q.kind);
  if (q.before) query = query.where('created_at', '<', q.before);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
}

export async function summariseByCampaign(db: RiskDb, since: Date) {
  return db.selectFrom('risk_decisions')
    .select((eb) => ['campaign_id', 'action_kind', 'status', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('money_amount').as('money')])
    .where('created_at', '>=', since)
    .groupBy(['campaign_id', 'action_kind', 'status'])
    .execute();
}

/** Holds and blocks decided since `since` (the newest, capped): what burst alerts read. */
export async function findRefusalsSince(db: RiskDb, since: Date, limit: number) {
  return db.selectFrom('risk_decisions').select(['campaign_id', 'action_kind', 'created_at', 'money_amount', 'signals'])
    .where('verdict', 'in', ['hold', 'block']).where('created_at', '>=', since).orderBy('created_at', 'desc').limit(limit).execute();
}

/** The newest signals in a window, capped: the graph job's input. */
export async function findSignalsSince(db: RiskDb, since: Date, limit: number) {
  return db.selectFrom('risk_signals').select(['user_id', 'action_kind', 'campaign_id', 'device_id', 'ip_prefix', 'address_hash', 'card_fingerprint', 'account_age_seconds', 'at'])
    .where('at', '>=', since).orderBy('at', 'desc').limit(limit).execute();
}

/** Signals of some accounts (a case's cluster drawing). */
export async function findSignalsOf(db: RiskDb, userIds: string[], since: Date) {
  if (userIds.length === 0) return [];
  return db.selectFrom('risk_signals').select(['user_id', 'device_id', 'ip_prefix', 'address_hash', 'card_fingerprint']).distinct()
    .where('user_id', 'in', userIds).where('at', '>=', since).limit(2000).execute();
}

/** Accounts sharing any of these devices or networks (a case's neighbours), capped. */
export async function findNeighbours(db: RiskDb, devices: string[], networks: string[], since: Date) {
  if (devices.length === 0 && networks.length === 0) return [];
  return db.selectFrom('risk_signals').select('user_id').distinct()
    .where((eb) => eb.or([...(devices.length ? [eb('device_id', 'in', devices)] : []), ...(networks.length ? [eb('ip_prefix', 'in', networks)] : [])]))
    .where('at', '>=', since).limit(60).execute();
}

export async function insertBlacklist(db: RiskDb, row: Insertable<RiskBlacklistTable>) {
  return db.insertInto('risk_blacklist').values(row).onConflict((oc) => oc.columns(['kind', 'value']).doNothing()).returningAll().executeTakeFirst();
}

export async function findBlacklist(db: RiskDb, kind?: BlacklistKind) {
  let q = db.selectFrom('risk_blacklist').selectAll();
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('created_at', 'desc').limit(1000).execute();
}

/** Every entry's kind and value, at most `limit` (the in-process snapshot). */
export async function findBlacklistValues(db: RiskDb, limit: number) {
  return db.selectFrom('risk_blacklist').select(['kind', 'value']).limit(limit).execute();
}

export async function deleteBlacklist(db: RiskDb, id: string) {
  return db.deleteFrom('risk_blacklist').where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findTuning(db: RiskDb) {
  return db.selectFrom('risk_tuning').select(['key', 'value']).execute();
}

export async function upsertTuning(db: RiskDb, key: string, value: number, now: Date) {
  await db.insertInto('risk_tuning').values({ key, value, updated_at: now }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now })).execute();
}
