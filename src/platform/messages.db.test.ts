import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/db.ts';
import { ManualClock } from './clock.ts';
import type { DatabaseHandle } from './db.ts';
import { createOutboxMessageSender, listOutboxMessages } from './messages.ts';

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

const message = { to: { email: 'mei@example.com' }, channel: 'email' as const, template: 'password.reset_code', data: { code: '402917', validMinutes: 15 } };

describe('the built-in message sender', () => {
  it('keeps every message in the outbox and logs that it went, without the code at info level', async () => {
    const clock = new ManualClock('2026-06-01T08:00:00.000Z');
    const { lines, log } = capturedLogger();
    const sender = createOutboxMessageSender({ db: database.db, clock, log });
    await sender.send(message);
    clock.advanceMinutes(1);
    await sender.send({ ...message, data: { code: '118822', validMinutes: 15 } });
    const page = await listOutboxMessages(database.db, { limit: 1, to: 'MEI@example.com' });
    expect(page.items[0]).toMatchObject({ template: 'password.reset_code', channel: 'email', to: { email: 'mei@example.com' }, data: { code: '118822' } });
    const next = await listOutboxMessages(database.db, { limit: 1, to: 'mei@example.com', cursor: page.nextCursor! });
    expect(next.items[0].data.code).toBe('402917');
    expect(lines.join('')).toContain('message sent to the outbox');
    expect(lines.join('')).not.toContain('402917');
  });

  it('shows the message body in the log when a development setup asks for it at info', async () => {
    const { lines, log } = capturedLogger();
    await createOutboxMessageSender({ db: database.db, clock: new ManualClock(), log, contentLevel: 'info' }).send({ ...message, data: { code: '550011' } });
    expect(lines.join('')).toContain('550011');
  });
});
