// Messages to an account holder (sign-in codes, password-reset codes, security notices) go
// through one small interface, so a real provider (an email API, an SMS gateway) plugs in by
// implementing `send`. The built-in sender keeps every message in the `message_outbox` table,
// which the console's Outbox page lists: in development that is how a code reaches the person
// testing, and the test harness reads codes from it.
//
// Callers send after their transaction has committed (never inside one: a provider call can be
// slow or fail, and a rolled-back change must not have told anyone anything).
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';
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
  const { db, clock, log } = options;
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
          to_phone: message.to.phone ?? null,
          data: JSON.stringify(message.data),
          created_at: clock.now(),
        })
        .execute();
      log.info({ messageId: id, channel: message.channel, template: message.template, userId: message.to.userId ?? null }, 'message sent to the outbox');
      log[contentLevel]({ messageId: id, to: message.to, data: message.data }, 'message content');
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

/** The outbox, newest first, a page at a time (console Outbox page). */
export async function listOutboxMessages(db: OutboxDb, query: { cursor?: string; limit: number; userId?: string; to?: string }) {
  const after = decodeCursor<{ at: string; id: string }>(query.cursor);
  let qb = outbox(db).selectFrom('message_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1);
  if (query.userId) qb = qb.where('to_user_id', '=', query.userId);
  const to = query.to?.trim().toLowerCase();
  if (to) qb = qb.where((eb) => eb.or([eb('to_email', '=', to), eb('to_phone', '=', to)]));
  if (after) qb = qb.where(sql<boolean>`(created_at, id) < (${new Date(after.at)}, ${after.id})`);
  const rows = await qb.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items: OutboxMessage[] = page.map((r) => ({
    id: r.id,
    channel: r.channel,
    template: r.template,
    to: { userId: r.to_user_id, email: r.to_email, phone: r.to_phone },
    data: r.data,
    createdAt: r.created_at,
  }));
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
}

/** Erasure (privacy): every message to the person, by account or by their email or phone (sign-up codes predate the account). */
export async function deleteMessagesTo(db: OutboxDb, to: { userId: string; email: string | null; phone: string | null }) {
  await outbox(db).deleteFrom('message_outbox').where((eb) => eb.or([
    eb('to_user_id', '=', to.userId),
    ...(to.email ? [eb('to_email', '=', to.email)] : []),
    ...(to.phone ? [eb('to_phone', '=', to.phone)] : []),
  ])).execute();
}
