// Consents, and the shopper's export and erasure requests. A request is a row plus a job: the job
// does the work in one transaction through the personal-data registry (each module's own part,
// platform/personal-data.ts), writes the audit trail and sets the status the account page shows.
// The daily retention job purges visitor events and ended sessions older than their settings.
import { recordAudit } from '../../platform/audit.ts';
import { addDays } from '../../platform/clock.ts';
import { invalid, notFound, conflict } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { createPiiCipher, forgetOldKeys, prepareRotation, type PiiCipher } from '../../platform/pii.ts';
import * as repo from './privacy.repo.ts';
import { buildExportZip } from './privacy.archive.ts';
import { allows as allowsRule, currentConsents, retentionCutoff, type ConsentPurpose, type ConsentRecord, type RequestKind } from './privacy.rules.ts';
import { privacyTables, type PrivacyPlatform } from './privacy.table.ts';

export const EXPORT_JOB = 'privacy.export';
export const ERASURE_JOB = 'privacy.erase';
export const RETENTION_JOB = 'privacy.retention';

export interface PrivacyDeps {
  /** Ended sessions older than the cut-off are deleted (identity). */
  purgeSessionsBefore(cutoff: Date): Promise<number>;
  /** Visitor events older than the cut-off are deleted (analytics). */
  purgeEventsBefore(cutoff: Date): Promise<number>;
}

const toRecord = (r: { purpose: ConsentPurpose; granted: boolean; policy_version: string; at: Date }): ConsentRecord => ({ purpose: r.purpose, granted: r.granted, policyVersion: r.policy_version, at: r.at });

export function createPrivacyService(p: PrivacyPlatform, deps: PrivacyDeps) {
  const { db, clock, settings, pii } = p;

  // ---- Consents ----

  async function consentsOf(userId: string) {
    return currentConsents((await repo.findConsents(db, userId)).map(toRecord));
  }

  /**
   * Whether the person allows a use of their data: `personalisation` (recommendations and ranking
   * by their behaviour; the non-personalised results otherwise) or `marketing` (promotional
   * messages). Consent-dependent features ask this before acting.
   */
  async function allows(userId: string, purpose: 'marketing' | 'personalisation') {
    return allowsRule((await repo.findConsents(db, userId)).map(toRecord), purpose);
  }

  /** The choices made on the sign-up form (customer.registered), in the consumer's transaction. */
  async function recordSignupConsents(handle: AnyExecutor, userId: string, consents: { policyVersion: string; marketing: boolean; personalisation: boolean }, at: Date) {
    const trx = privacyTables.of(handle);
    const row = (purpose: ConsentPurpose, granted: boolean) => ({ id: newId(), user_id: userId, purpose, granted, policy_version: consents.policyVersion, source: 'signup', at });
    await repo.insertConsents(trx, [row('privacy_policy', true), row('marketing', consents.marketing), row('personalisation', consents.personalisation)]);
  }

  /** A choice on the account page: recorded with the current policy version; a withdrawal takes effect at once. */
  async function setConsent(userId: string, purpose: ConsentPurpose, granted: boolean) {
    if (purpose === 'privacy_policy' && !granted) throw invalid('PRIVACY_POLICY_REQUIRED', 'The privacy policy cannot be withdrawn on its own: ask for erasure to close the account', { field: 'purpose' });
    const now = clock.now();
    const policyVersion = await settings.get('privacy.policyVersion');
    await db.transaction().execute(async (trx) => {
      await repo.insertConsents(trx, [{ id: newId(), user_id: userId, purpose, granted, policy_version: policyVersion, source: 'account', at: now }]);
      await publishEvent(trx, now, 'privacy.consent_changed', userId, { userId, purpose, granted });
    });
    return consentsOf(userId);
  }

  // ---- Export and erasure requests ----

  async function request(userId: string, kind: RequestKind) {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const row = await repo.insertRequestUnlessOpen(trx, { id: newId(), user_id: userId, kind, status: 'queued', requested_at: now, finished_at: null, archive: null, archive_expires_at: null, summary: null, error: null });
      if (!row) return { created: false, request: (await repo.findOpenRequest(trx, userId, kind))! };
      await recordAudit(trx, now, { actorId: userId, action: `privacy.${kind}_requested`, subjectType: 'user', subjectId: userId, details: { requestId: row.id } });
      await scheduleJob(trx, { kind: kind === 'export' ? EXPORT_JOB : ERASURE_JOB, payload: { requestId: row.id }, runAt: now, dedupeKey: `${kind === 'export' ? EXPORT_JOB : ERASURE_JOB}:${row.id}`, maxAttempts: 3, now });
      return { created: true, request: row };
    });
  }

  const requestExport = (userId: string) => request(userId, 'export');

  /** Erasure needs the confirmation word: a stray tap must not close an account. */
  function requestErasure(userId: string, confirm: string) {
    if (confirm.trim().toUpperCase() !== 'ERASE' && confirm.trim() !== '注销') throw invalid('PRIVACY_ERASURE_NOT_CONFIRMED', 'Type ERASE (or 注销) to confirm', { field: 'confirm' });
    return request(userId, 'erasure');
  }

  /** Marks the request running, or says it is not queued (a retry after it finished). */
  async function start(id: string) {
    return db.transaction().execute(async (trx) => {
      const r = await repo.lockRequest(trx, id);
      if (!r || r.status === 'done') return undefined;
      await repo.updateRequest(trx, id, { status: 'running' });
      return r;
    });
  }

  async function fail(id: string, err: unknown) {
    await repo.updateRequest(db, id, { status: 'failed', finished_at: clock.now(), error: err instanceof Error ? err.message.slice(0, 300) : 'failed' });
  }

  /** The export job: one consistent read of every module's part, zipped, sealed and stored. */
  async function runExport(requestId: string) {
    const r = await start(requestId);
    if (!r) return;
    try {
      const now = clock.now();
      const [policyVersion, expiryDays] = await Promise.all([settings.get('privacy.policyVersion'), settings.get('privacy.exportExpiryDays')]);
      await db.transaction().execute(async (trx) => {
        const data = await p.personalData.exportFor(trx, r.user_id);
        const { zip, counts } = buildExportZip({ userId: r.user_id, generatedAt: now, policyVersion, data });
        await repo.updateRequest(trx, requestId, { status: 'done', finished_at: now, archive: pii.seal(Buffer.from(zip).toString('base64')), archive_expires_at: addDays(now, expiryDays), summary: JSON.stringify(counts) });
        await recordAudit(trx, now, { actorId: null, action: 'privacy.exported', subjectType: 'user', subjectId: r.user_id, details: { requestId, tables: Object.keys(counts).length } });
        await publishEvent(trx, now, 'privacy.exported', requestId, { userId: r.user_id, requestId });
      });
    } catch (err) {
      await fail(requestId, err);
      throw err;
    }
  }

  /** The erasure job: every module's part in one transaction, so it happens whole or not at all. */
  async function runErasure(requestId: string) {
    const r = await start(requestId);
    if (!r) return;
    try {
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const report = await p.personalData.eraseFor(trx, r.user_id);
        await repo.updateRequest(trx, requestId, { status: 'done', finished_at: now, summary: JSON.stringify(report) });
        await recordAudit(trx, now, { actorId: null, action: 'privacy.erased', subjectType: 'user', subjectId: r.user_id, details: { requestId, deleted: report.deleted, kept: report.kept } });
        await publishEvent(trx, now, 'privacy.erased', requestId, { userId: r.user_id, requestId });
      });
    } catch (err) {
      await fail(requestId, err);
      throw err;
    }
  }

  async function listRequests(userId: string) {
    return repo.findRequestsOfUser(db, userId, 20);
  }

  /** The export's zip, for its owner, while its download window lasts. */
  async function downloadExport(userId: string, requestId: string) {
    const r = await repo.findRequest(db, requestId);
    if (!r || r.user_id !== userId || r.kind !== 'export') throw notFound('PRIVACY_REQUEST_NOT_FOUND', 'No such request', { id: requestId });
    if (r.status !== 'done' || !r.archive || (r.archive_expires_at && r.archive_expires_at <= clock.now())) throw conflict('PRIVACY_EXPORT_NOT_READY', 'The export is not ready or has expired', { status: r.status });
    await recordAudit(db, clock.now(), { actorId: userId, action: 'privacy.export_downloaded', subjectType: 'user', subjectId: userId, details: { requestId } });
    return { zip: Buffer.from(pii.open(r.archive), 'base64'), generatedAt: r.finished_at ?? r.requested_at };
  }

  /** Privacy's own part of export and erasure: consents are kept as the record of what was agreed. */
  const personalData = {
    tables: { privacy_consents: { columns: ['user_id'], erase: 'keep' as const }, privacy_requests: { columns: ['user_id'], erase: 'keep' as const } },
    open: (table: string, row: Record<string, unknown>) => (table === 'privacy_requests' ? { ...row, archive: undefined } : row),
    erase: (handle: AnyExecutor, userId: string) => repo.deleteExportRequests(privacyTables.of(handle), userId),
    reseal: async (handle: AnyExecutor, cipher: PiiCipher) => {
      let n = 0;
      for (const r of await repo.findArchives(privacyTables.of(handle))) {
        if (!cipher.needsReseal(r.archive)) continue;
        await repo.updateRequest(privacyTables.of(handle), r.id, { archive: cipher.seal(cipher.open(r.archive)) });
        n++;
      }
      return n;
    },
  };

  // ---- Key rotation ----

  /**
   * `fission pii rotate-key`: makes the new current key (platform/pii.ts prepareRotation), has
   * every module re-seal its values under it, then forgets the old keys kept in settings. Running
   * API processes read the new key ring when they restart.
   */
  async function rotatePiiKey() {
    const now = clock.now();
    const cipher = createPiiCipher(await prepareRotation(db, p.config.pii, now));
    const resealed: Record<string, number> = {};
    for (const source of p.personalData.list()) {
      if (source.data.reseal) resealed[source.module] = await source.data.reseal(db, cipher);
    }
    const forgotten = await forgetOldKeys(db, cipher.currentKid, now);
    await recordAudit(db, now, { actorId: null, action: 'pii.key_rotated', subjectType: 'pii_key', subjectId: cipher.currentKid, details: { resealed, forgotten } });
    return { kid: cipher.currentKid, resealed, forgotten };
  }

  // ---- Retention ----

  /** Books the next daily run (04:00 China time); one row per day however many processes book it. */
  async function scheduleRetention() {
    const now = clock.now();
    const DAY = 86_400_000;
    const offset = 20 * 3_600_000; // 04:00 in China is 20:00 UTC the day before
    const next = Math.floor((now.getTime() - offset) / DAY) * DAY + DAY + offset;
    await scheduleJob(db, { kind: RETENTION_JOB, payload: {}, runAt: new Date(next), dedupeKey: `${RETENTION_JOB}:${next}`, maxAttempts: 3, now });
  }

  /** Deletes what is past its retention period, then books tomorrow's run even when this one failed. */
  async function runRetention() {
    try {
      return await purgeExpired();
    } finally {
      await scheduleRetention();
    }
  }

  async function purgeExpired() {
    const now = clock.now();
    const [eventDays, sessionDays] = await Promise.all([settings.get('privacy.visitorEventRetentionDays'), settings.get('privacy.sessionRetentionDays')]);
    const events = await deps.purgeEventsBefore(retentionCutoff(now, eventDays));
    const sessions = await deps.purgeSessionsBefore(retentionCutoff(now, sessionDays));
    const archives = await repo.dropExpiredArchives(db, now);
    if (events || sessions || archives) p.log.info({ events, sessions, archives }, 'retention purge');
    return { events, sessions, archives };
  }

  return { rotatePiiKey, consentsOf, allows, recordSignupConsents, setConsent, requestExport, requestErasure, runExport, runErasure, listRequests, downloadExport, personalData, scheduleRetention, runRetention, purgeExpired };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
