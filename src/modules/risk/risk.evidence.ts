// The evidence about one action at a reward point: where it comes from (the request's device,
// network and browser), identity's facts about the account and the other party, and what risk's
// own tables say about them (risk.repo.ts findEvidence: one statement, two when identity knows
// of a device risk has not seen). The read half of every decision (risk.service.ts judge).
import type { IdentityService } from '../identity/index.ts';
import * as repo from './risk.repo.ts';
import type { BlacklistCache } from './risk.blacklist-cache.ts';
import type { QueryShapes } from './risk.query-shapes.ts';
import { ipInRanges, networkPrefix, phonePrefix, type BlacklistKind, type Evidence, type RiskAction, type Signals, type Tuning } from './risk.rules.ts';
import type { RiskDb, RiskPlatform } from './risk.table.ts';

const DAY = 86_400_000;
/** How far back identifiers link accounts. */
export const LOOKBACK_MS = 30 * DAY;
/** The window a network burst is counted in. */
export const BURST_MS = 3_600_000;

export function createEvidence(p: RiskPlatform, deps: { identity: IdentityService; blacklists: BlacklistCache; shapes: QueryShapes }) {
  const { blacklists, shapes } = deps;

  /** The device, network and browser of the request being served, else of the account's newest signal. */
  async function whereFrom(trx: RiskDb, userId: string) {
    const origin = p.origins.latest(userId);
    if (origin) return origin;
    const last = await repo.findLatestSignal(trx, userId);
    return { deviceId: last?.device_id ?? null, ip: last?.ip ?? null, userAgent: last?.user_agent ?? null };
  }

  /** The evidence about an action, or the id of the decision its subject already has (a redelivery). */
  async function gather(trx: RiskDb, action: RiskAction, now: Date, tuning: Tuning): Promise<{ earlierId: string } | { evidence: Evidence }> {
    const since = new Date(now.getTime() - LOOKBACK_MS);
    const from = await whereFrom(trx, action.userId);
    const ids = [action.userId, ...(action.counterpartId ? [action.counterpartId] : [])];
    const ipPrefix = networkPrefix(from.ip);
    const knownCard = action.known?.cardFingerprint ?? null;
    const evidenceOf = (devices: string[], blacklist: { kind: BlacklistKind; value: string | null }[] | null) =>
      repo.findEvidence(trx, shapes, {
        userId: action.userId,
        devices,
        since,
        subject: action.subjectRef ? { kind: action.kind, ref: action.subjectRef } : null,
        network: ipPrefix ? { prefix: ipPrefix, kind: action.kind, campaignId: action.campaignId, since: new Date(now.getTime() - BURST_MS) } : null,
        blacklist,
        cardOnFile: knownCard === null,
      });
    const snapshot = await blacklists.current(trx);
    let facts: Awaited<ReturnType<IdentityService['fraudFacts']>>;
    let found: Awaited<ReturnType<typeof repo.findEvidence>>;
    let known: string[];
    let blacklistedExact: BlacklistKind[];
    if (snapshot) {
      // Identity's facts and risk's evidence side by side (outside a transaction; identity mostly
      // answers from its in-process copy, identity.fraud-facts.ts, else on a second connection):
      // the evidence read asks about the request's device and the devices risk has seen on this
      // account; a device only identity knows of is asked about after, which is rare (risk records
      // the device of every sign-in).
      const requestDevices = from.deviceId ? [from.deviceId] : [];
      [facts, found] = trx.isTransaction
        ? [await deps.identity.fraudFacts(trx, ids), await evidenceOf(requestDevices, null)]
        : await Promise.all([deps.identity.fraudFacts(trx, ids), evidenceOf(requestDevices, null)]);
      const seen = new Set([...requestDevices, ...found.onDevices.flatMap((r) => (r.user_id === action.userId && r.device_id ? [r.device_id] : []))]);
      const unseen = (facts.get(action.userId)?.devices ?? []).filter((d) => !seen.has(d)).slice(0, 50);
      if (unseen.length) found.onDevices.push(...(await repo.findAccountsOnDevices(trx, unseen, since)));
      known = [...new Set([...seen, ...unseen])].slice(0, 50);
      const me = facts.get(action.userId);
      blacklistedExact = snapshot.matches({ devices: known, phone: me?.phone ?? null, card: knownCard ?? found.account?.card_fingerprint ?? null, address: action.known?.addressHash ?? null, ip: from.ip });
    } else {
      facts = await deps.identity.fraudFacts(trx, ids);
      const me = facts.get(action.userId);
      known = [...new Set([...(from.deviceId ? [from.deviceId] : []), ...(me?.devices ?? [])])].slice(0, 50);
      found = await evidenceOf(known, [
        ...known.map((d) => ({ kind: 'device' as const, value: d })),
        { kind: 'phone', value: me?.phone ?? null },
        { kind: 'card', value: knownCard },
        { kind: 'address', value: action.known?.addressHash ?? null },
      ]);
      blacklistedExact = [...found.blacklist.exact, ...(ipInRanges(from.ip, found.blacklist.ranges) ? ['ip' as const] : [])];
    }
    const me = facts.get(action.userId);
    if (found.earlierId) return { earlierId: found.earlierId };
    const account = found.account;
    const signals: Signals = {
      deviceId: from.deviceId,
      ip: from.ip,
      ipPrefix,
      userAgent: from.userAgent,
      phonePrefix: phonePrefix(me?.phone ?? null),
      addressHash: action.known?.addressHash ?? null,
      cardFingerprint: knownCard ?? account?.card_fingerprint ?? null,
      emailDomain: account?.email_domain ?? null,
      disposableEmail: account?.disposable_email ?? false,
      accountAgeSeconds: account ? Math.max(0, Math.round((now.getTime() - account.registered_at.getTime()) / 1000)) : null,
      firstOrder: account ? account.first_paid_at === null : null,
    };
    const onDevices = found.onDevices;
    const myDevices = [...new Set([...known, ...onDevices.flatMap((r) => (r.user_id === action.userId && r.device_id ? [r.device_id] : []))])];
    const perDevice = new Map<string, Set<string>>();
    for (const r of onDevices) perDevice.set(r.device_id!, (perDevice.get(r.device_id!) ?? new Set<string>()).add(r.user_id));
    const deviceAccounts = Math.max(1, ...[...perDevice.values()].map((s) => s.add(action.userId).size));
    const networkAccounts = ipPrefix ? 1 + found.networkAccounts : 1;

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
    const blacklisted = [...new Set<BlacklistKind>(blacklistedExact)];
    const cluster = found.cluster;
    const others = [...new Set(onDevices.filter((r) => r.user_id !== action.userId).map((r) => r.user_id))];
    const buyersOnDevice = action.newCustomersOnly && others.length ? await repo.countPayingAccounts(trx, others) : 0;
    return { evidence: { signals, blacklisted, counterpart, deviceAccounts, networkAccounts, ring: cluster ? { size: cluster.size, why: cluster.why } : null, buyersOnDevice } };
  }
  return { gather };
}
