import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/db.ts';
import { ManualClock } from './clock.ts';
import type { DatabaseHandle } from './db.ts';
import { createOutboxMessageSender, deleteMessagesTo, latestCodeFor, listOutboxMessages, resealOutbox } from './messages.ts';
import { createPiiCipher, isSealed } from './pii.ts';
import { newId } from './ids.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { lines, log: pino({ level: 'info' }, stream) };
}

const pii = createPiiCipher([{ kid: 'msg1', secret: 'm'.repeat(40) }]);

const message = { to: { email: 'mei@example.com' }, channel: 'email' as const, template: 'password.reset_code', data: { code: '402917', validMinutes: 15 } };

describe('the built-in message sender', () => {
  it('keeps every message in the outbox and logs that it went, without the code at info level', async () => {
    const clock = new ManualClock('2026-06-01T08:00:00.000Z');
    const { lines, log } = capturedLogger();
    const sender = createOutboxMessageSender({ db: database.db, clock, log, pii });
    await sender.send(message);
    clock.advanceMinutes(1);
    await sender.send({ ...message, data: { code: '118822', validMinutes: 15 } });
    const page = await listOutboxMessages(database.db, pii, { limit: 1, to: 'MEI@example.com' });
    expect(page.items[0]).toMatchObject({ template: 'password.reset_code', channel: 'email', to: { email: 'mei@example.com' }, data: { code: '118822' } });
    const next = await listOutboxMessages(database.db, pii, { limit: 1, to: 'mei@example.com', cursor: page.nextCursor! });
    expect(next.items[0].data.code).toBe('402917');
    expect(lines.join('')).toContain('message sent to the outbox');
    expect(lines.join('')).not.toContain('402917');
  });

  it('shows the message body in the log when a development setup asks for it at info', async () => {
    const { lines, log } = capturedLogger();
    await createOutboxMessageSender({ db: database.db, clock: new ManualClock(), log, pii, contentLevel: 'info' }).send({ ...message, data: { code: '550011' } });
    expect(lines.join('')).toContain('550011');
  });

  it('seals the recipient phone and finds its messages through the blind index', async () => {
    const clock = new ManualClock('2026-06-02T08:00:00.000Z');
    const { lines, log } = capturedLogger();
    const sender = createOutboxMessageSender({ db: database.db, clock, log, pii, contentLevel: 'info' });
    const phone = '13611112222';
    await sender.send({ to: { phone }, channel: 'sms', template: 'signup.code', data: { code: '300001', validMinutes: 15 } });
    clock.advanceMinutes(1);
    await sender.send({ to: { phone }, channel: 'sms', template: 'signup.code', data: { code: '300002', validMinutes: 15 } });
    await sender.send({ to: { phone: '13611113333' }, channel: 'sms', template: 'signup.code', data: { code: '300003', validMinutes: 15 } });
    const rows = await database.db.selectFrom('message_outbox').select(['to_phone', 'to_phone_index']).where('to_phone', 'is not', null).execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(isSealed(r.to_phone)).toBe(true);
      expect(r.to_phone).not.toContain('1361111');
      expect(r.to_phone_index).toMatch(/^msg1:[\w-]{43}$/);
    }
    expect(lines.join('')).not.toContain(phone); // the content log masks it too
    expect(await latestCodeFor(database.db, pii, { phone })).toBe('300002');
    expect(await latestCodeFor(database.db, pii, { phone: '136 1111-2222' })).toBe('300002');
    expect(await latestCodeFor(database.db, pii, { phone: '13699990000' })).toBeNull();
    const page = await listOutboxMessages(database.db, pii, { limit: 5, to: phone });
    expect(page.items.map((m) => [m.to.phone, m.data.code])).toEqual([[phone, '300002'], [phone, '300001']]);

    await deleteMessagesTo(database.db, pii, { userId: newId(), email: null, phone });
    expect(await latestCodeFor(database.db, pii, { phone })).toBeNull();
    expect(await latestCodeFor(database.db, pii, { phone: '13611113333' })).toBe('300003');
  });

  it('re-seals plain and old-key phones under the current key, leaving current ones alone', async () => {
    const now = new Date('2026-06-03T08:00:00.000Z');
    const old = createPiiCipher([{ kid: 'msg0', secret: 'o'.repeat(40) }]);
    const plainId = newId();
    const oldId = newId();
    await database.db.insertInto('message_outbox').values([
      { id: plainId, channel: 'sms', template: 'signup.code', to_user_id: null, to_email: null, to_phone: '13722223333', to_phone_index: null, data: JSON.stringify({ code: '400001' }), created_at: now },
      { id: oldId, channel: 'sms', template: 'signup.code', to_user_id: null, to_email: null, to_phone: old.seal('13722224444'), to_phone_index: old.index('13722224444'), data: JSON.stringify({ code: '400002' }), created_at: now },
    ]).execute();
    const ring = createPiiCipher([{ kid: 'msg1', secret: 'm'.repeat(40) }, { kid: 'msg0', secret: 'o'.repeat(40) }]);
    expect(await resealOutbox(database.db, ring)).toBe(2);
    expect(await resealOutbox(database.db, ring)).toBe(0);
    const rows = await database.db.selectFrom('message_outbox').select(['id', 'to_phone']).where('id', 'in', [plainId, oldId]).execute();
    for (const r of rows) expect(r.to_phone!.split(':')[1]).toBe('msg1');
    expect(await latestCodeFor(database.db, pii, { phone: '13722223333' })).toBe('400001');
    expect(await latestCodeFor(database.db, pii, { phone: '13722224444' })).toBe('400002');
  });
});
