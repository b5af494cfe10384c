// Messages to an account holder (sign-in codes, password-reset codes, security notices) go
// through one small interface, so a real provider (an email API, an SMS gateway) plugs in by
// implementing `send`. The built-in sender keeps every message in the `message_outbox` table,
// which the console's Outbox page lists: in development that is how a code reaches the person
// testing, and the test harness reads codes from it (latestCodeFor).
//
// The recipient's phone is personal data at rest like any other (platform/pii.ts): `to_phone`
// holds the sealed value, key id included, and `to_phone_index` its blind index, which is how the
// Outbox page's `to` filter, erasure and the tests find a phone's messages.
//
// Callers send after their transaction has committed (never inside one: a provider call can be
// slow or fail, and a rolled-back change must not have told anyone anything).
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';
import { maskPhone, type PiiCipher } from './pii.ts';
import { platformTables, type MessageOutboxTable } from './platform.table.ts';
import { decodeCursor, encodeCursor } from './schema.ts';
import type { AnyExecutor } from './tables.ts';

export type { MessageOutboxTable } from './platform.table.ts';
export type MessageChannel = MessageOutboxTable['channel'];

export interface MessageRecipient {
  userId?: string;
  email?: string;
  phone?: string;
}

export interface Message {
  to: MessageRecipient;
  channel: MessageChannel;
  /** What the message says, e.g. `password.reset_code`; a provider maps it to its own template. */
  template: string;
  data: Record<string, string | number | boolean | null>;
}

/**
 * Delivers one message. Implementations must not throw for an unreachable recipient (log it
 * instead): callers run after a committed change and have nothing left to undo.
 */
export interface MessageSender {
  send(message: Message): Promise<void>;
}

// Callers pass whatever handle they hold; the outbox is a platform table.
type OutboxDb = AnyExecutor;
const outbox = (db: OutboxDb) => platformTables.of(db);

export interface OutboxSenderOptions {
  db: OutboxDb;
  clock: Clock;
  log: Logger;
  /** Seals the recipient's phone (the platform's cipher). */
  pii: PiiCipher;
  /**
   * The level at which the message body (which may hold a one-time code) is logged. `debug` by
   * default, so a production log at `info` never holds a code; a development setup may pass
   * `info` to see codes in the console output.
   */
  contentLevel?: 'info' | 'debug';
}

/** Chooses the channel for an account: email when it has one, else SMS. */
export function channelFor(to: MessageRecipient): MessageChannel {
  return to.email ? 'email' : 'sms';
}

/** Records each message in `message_outbox` and logs that it was sent. */
export function createOutboxMessageSender(options: OutboxSenderOptions): MessageSender {
  const { db, clock, log, pii } = options;
  const contentLevel = options.contentLevel ?? 'debug';
  return {
    async send(message) {
      const id = newId();
      await outbox(db)
        .insertInto('message_outbox')
        .values({
          id,
          channel: message.channel,
          template: message.template,
          to_user_id: message.to.userId ?? null,
          to_email: message.to.email ?? null,
          to_phone: pii.seal(message.to.phone ?? null),
          to_phone_index: pii.index(message.to.phone ?? null),
          data: JSON.stringify(message.data),
          created_at: clock.now(),
        })
        .execute();
      log.info({ messageId: id, channel: message.channel, template: message.template, userId: message.to.userId ?? null }, 'message sent to the outbox');
      log[contentLevel]({ messageId: id, to: { ...message.to, ...(message.to.phone ? { phone: maskPhone(message.to.phone) } : {}) }, data: message.data }, 'message content');
    },
  };
}

export interface OutboxMessage {
  id: string;
  channel: MessageChannel;
  template: string;
  to: { userId: string | null; email: string | null; phone: string | null };
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface OutboxQuery {
  cursor?: string;
  limit: number;
  userId?: string;
  /** An email (any case) or a phone exactly as it was sent to (the normalised number). */
  to?: string;
  template?: string;
}

const phoneIndexes = (pii: PiiCipher, phone: string) => pii.indexes(phone.replace(/[\s\-()]/g, ''));

/** The outbox, newest first, a page at a time (console Outbox page); phones opened (the route masks them). */
export async function listOutboxMessages(db: OutboxDb, pii: PiiCipher, query: OutboxQuery) {
  const after = decodeCursor<{ at: string; id: string }>(query.cursor);
  let qb = outbox(db).selectFrom('message_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1);
  if (query.userId) qb = qb.where('to_user_id', '=', query.userId);
  if (query.template) qb = qb.where('template', '=', query.template);
  const to = query.to?.trim().toLowerCase();
  if (to) qb = qb.where((eb) => eb.or([eb('to_email', '=', to), eb('to_phone_index', 'in', phoneIndexes(pii, to))]));
  if (after) qb = qb.where(sql<boolean>`(created_at, id) < (${new Date(after.at)}, ${after.id})`);
  const rows = await qb.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items: OutboxMessage[] = page.map((r) => ({
    id: r.id,
    channel: r.channel,
    template: r.template,
    to: { userId: r.to_user_id, email: r.to_email, phone: pii.open(r.to_phone) },
    data: r.data,
    createdAt: r.created_at,
  }));
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
}

/**
 * The code in the newest message of a template (a sign-up code by default) sent to an email or a
 * phone, or null when none was: how the test harness and tests read the codes they are sent,
 * through the blind index rather than the sealed column.
 */
export async function latestCodeFor(db: OutboxDb, pii: PiiCipher, to: { email: string } | { phone: string }, template = 'signup.code'): Promise<string | null> {
  const { items } = await listOutboxMessages(db, pii, { limit: 1, template, to: 'email' in to ? to.email : to.phone });
  const code = items[0]?.data.code;
  return code === undefined || code === null ? null : String(code);
}

const BATCH = 500;
const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * Seals every recipient phone not yet sealed under the current key and rewrites its blind index:
 * the encrypting migration (privacy's 0331) and `fission pii rotate-key` run this. Keyset pages of
 * 500; returns the rows rewritten.
 */
export async function resealOutbox(handle: OutboxDb, pii: PiiCipher): Promise<number> {
  const db = outbox(handle);
  let changed = 0;
  let after = NIL;
  for (;;) {
    const rows = await db.selectFrom('message_outbox').select(['id', 'to_phone', 'to_phone_index']).where('id', '>', after).where('to_phone', 'is not', null).orderBy('id').limit(BATCH).execute();
    for (const r of rows) {
      const phone = pii.open(r.to_phone)!;
      if (!pii.needsReseal(r.to_phone) && r.to_phone_index === pii.index(phone)) continue;
      await db.updateTable('message_outbox').set({ to_phone: pii.seal(phone), to_phone_index: pii.index(phone) }).where('id', '=', r.id).execute();
      changed++;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  return changed;
}

/** Erasure (privacy): every message to the person, by account or by their email or phone (sign-up codes predate the account). */
export async function deleteMessagesTo(db: OutboxDb, pii: PiiCipher, to: { userId: string; email: string | null; phone: string | null }) {
  await outbox(db).deleteFrom('message_outbox').where((eb) => eb.or([
    eb('to_user_id', '=', to.userId),
    ...(to.email ? [eb('to_email', '=', to.email)] : []),
    ...(to.phone ? [eb('to_phone_index', 'in', pii.indexes(to.phone))] : []),
  ])).execute();
}
