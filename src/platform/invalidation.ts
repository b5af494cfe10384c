// The invalidation bus: how in-process caches learn that what they hold has changed. A publish
// reaches this process's subscribers at once (synchronously) and, when a transport is connected,
// every other process: Redis pub/sub when Redis is configured, PostgreSQL LISTEN/NOTIFY otherwise.
// PGlite is one process, so there the bus stays local. Messages say only "topic, key changed";
// a subscriber drops what it holds and reads the database again. Publish after the change has
// committed, so nobody re-reads the old state and keeps it. A transport that loses its connection
// may have missed messages: on reconnecting it tells every gap listener, and caches drop everything.
// Caches keep a short time-to-live besides, as a safety net for anything else.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Redis } from './redis.ts';

export type InvalidationHandler = (key: string) => void;

/** `key` for "everything under this topic". */
export const ALL_KEYS = '*';

export interface InvalidationBus {
  readonly transport: 'local' | 'redis' | 'postgres';
  /** Tell this process's subscribers now and, through the transport, every other process. */
  publish(topic: string, key: string): Promise<void>;
  subscribe(topic: string, handler: InvalidationHandler): () => void;
  /** Messages may have been lost (a transport reconnected): drop everything cached. */
  onGap(handler: () => void): () => void;
  close(): Promise<void>;
}

interface Message {
  /** The publishing bus: a process ignores its own messages, already delivered locally. */
  o: string;
  t: string;
  k: string;
}

/** Subscribers of one process, with a pluggable way out to the others. */
class Bus implements InvalidationBus {
  readonly origin = randomBytes(8).toString('hex');
  private readonly handlers = new Map<string, Set<InvalidationHandler>>();
  private readonly gapHandlers = new Set<() => void>();
  transport: InvalidationBus['transport'] = 'local';
  send: (message: string) => Promise<void> = async () => {};
  shutdown: () => Promise<void> = async () => {};

  constructor(private readonly log?: Logger) {}

  async publish(topic: string, key: string): Promise<void> {
    this.deliver(topic, key);
    try {
      await this.send(JSON.stringify({ o: this.origin, t: topic, k: key } satisfies Message));
    } catch (err) {
      // Other processes' caches then expire by their time-to-live; never fail the change itself.
      this.log?.warn({ err, topic }, 'invalidation not sent to other processes');
    }
  }

  subscribe(topic: string, handler: InvalidationHandler): () => void {
    const set = this.handlers.get(topic) ?? new Set();
    set.add(handler);
    this.handlers.set(topic, set);
    return () => set.delete(handler);
  }

  onGap(handler: () => void): () => void {
    this.gapHandlers.add(handler);
    return () => this.gapHandlers.delete(handler);
  }

  /** A message from the transport. */
  receive(raw: string): void {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    if (message.o === this.origin || typeof message.t !== 'string' || typeof message.k !== 'string') return;
    this.deliver(message.t, message.k);
  }

  gap(): void {
    for (const handler of this.gapHandlers) handler();
  }

  private deliver(topic: string, key: string) {
    for (const handler of this.handlers.get(topic) ?? []) {
      try {
        handler(key);
      } catch (err) {
        this.log?.error({ err, topic }, 'invalidation handler failed');
      }
    }
  }

  close(): Promise<void> {
    return this.shutdown();
  }
}

/** The channel every process of one deployment listens on; tests give each run its own. */
export const DEFAULT_CHANNEL = 'fission_invalidation';

/** Subscribers of this process only (PGlite, tests, CLI commands). */
export function createLocalBus(log?: Logger): InvalidationBus {
  return new Bus(log);
}

/** Across processes through Redis pub/sub: a second connection subscribes, the given one publishes. */
export async function createRedisBus(redis: Redis, options: { channel?: string; log?: Logger } = {}): Promise<InvalidationBus> {
  // Pub/sub spans every Redis database of the server: the channel names ours.
  const channel = options.channel ?? `${DEFAULT_CHANNEL}:${redis.options.db ?? 0}`;
  const bus = new Bus(options.log);
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {}); // reconnects by itself; a gap is reported on the next 'ready'
  let ready = false;
  subscriber.on('ready', () => {
    // ioredis subscribes again by itself after a reconnect; what was published meanwhile is lost.
    if (ready) bus.gap();
    ready = true;
  });
  subscriber.on('message', (ch: string, raw: string) => {
    if (ch === channel) bus.receive(raw);
  });
  await subscriber.subscribe(channel);
  bus.transport = 'redis';
  bus.send = async (message) => {
    await redis.publish(channel, message);
  };
  bus.shutdown = async () => {
    bus.send = async () => {};
    subscriber.disconnect();
  };
  return bus;
}

/**
 * Across processes through PostgreSQL LISTEN/NOTIFY on a connection of its own (a pooled
 * connection cannot keep listening). A NOTIFY is delivered only when its transaction commits,
 * and ours are sent after the change committed anyway.
 */
export async function createPostgresBus(connectionString: string, options: { channel?: string; log?: Logger; retryMs?: number } = {}): Promise<InvalidationBus> {
  const channel = options.channel ?? DEFAULT_CHANNEL;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid LISTEN channel ${channel}`);
  const bus = new Bus(options.log);
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (afterLoss: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (n) => {
      if (n.channel === channel && n.payload) bus.receive(n.payload);
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    if (afterLoss) bus.gap();
  };
  const lost = (which: pg.Client) => {
    if (closed || client !== which) return;
    client = null;
    options.log?.warn('invalidation listener lost its PostgreSQL connection; reconnecting');
    const again = () => {
      retry = undefined;
      connect(true).catch(() => {
        if (!closed) retry = setTimeout(again, options.retryMs ?? 1000);
      });
    };
    again();
  };

  await connect(false);
  bus.transport = 'postgres';
  bus.send = async (message) => {
    // No listener connection right now: the others catch up through their gap handling or TTL.
    if (client) await client.query('select pg_notify($1, $2)', [channel, message]);
  };
  bus.shutdown = async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
  return bus;
}
