// The room's fan-out: who is connected to which session in this process, the recent messages for
// a reconnecting viewer, and how a message reaches every process. With Redis, a message is
// published on one pub/sub channel (its id from one INCR per room, so every process numbers it
// alike) and every process, the sender's included, delivers what its subscriber connection
// receives; without Redis, delivery is in-process. Each process writes its viewer count per room
// to a Redis hash with the time of its heartbeat; the room's count is the sum of the fresh ones.
// Nothing here is a record: the session's figures live in the database.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Redis } from '../../platform/redis.ts';
import { LIMITS, missedSince, sumViewers } from './live.rules.ts';

export interface RoomMessage {
  /** Absent for per-process notices (viewer count) that a reconnect need not replay. */
  id?: number;
  event: string;
  data: unknown;
}

/** One SSE connection: `write` gets a ready SSE frame (the same string for every subscriber). */
export interface Subscriber {
  write(frame: string): void;
}

export interface Hub {
  readonly transport: 'local' | 'redis';
  /** Join a room; `lastEventId` replays what this process still holds after it. */
  join(sessionId: string, subscriber: Subscriber, lastEventId: number | null): { missed: string[]; leave: () => void };
  publish(sessionId: string, event: string, data: unknown): Promise<number>;
  /** Viewers of the room across processes. */
  viewers(sessionId: string): Promise<number>;
  /** Viewers connected to this process. */
  localViewers(sessionId: string): number;
  close(): Promise<void>;
}

export interface HubOptions {
  redis: Redis | null;
  log?: Logger;
  /** Milliseconds since the epoch, for heartbeats (the platform clock). */
  now: () => number;
  /** Called with a room's count when it changed, after a short debounce (peak viewers). */
  onCount?: (sessionId: string, count: number) => void;
  beatMs?: number;
  /** Debounce of viewer-count notices after joins and leaves. */
  countDelayMs?: number;
  channel?: string;
}

/** One SSE frame, serialised once per message and written as-is to every subscriber. */
export function frame(m: RoomMessage): string {
  return `${m.id !== undefined ? `id: ${m.id}\n` : ''}event: ${m.event}\ndata: ${JSON.stringify(m.data)}\n\n`;
}

interface Room {
  subscribers: Set<Subscriber>;
  recent: { id: number; frame: string }[];
  countTimer: NodeJS.Timeout | null;
  lastCount: number;
}

export async function createHub(options: HubOptions): Promise<Hub> {
  const { redis, log } = options;
  const beatMs = options.beatMs ?? 5000;
  const countDelayMs = options.countDelayMs ?? 200;
  const processId = randomBytes(8).toString('hex');
  const rooms = new Map<string, Room>();
  // Without Redis the ids of one process: started from the clock so a restart never reuses one.
  let localSeq = options.now() * 1000;

  const roomOf = (sessionId: string) => {
    let room = rooms.get(sessionId);
    if (!room) rooms.set(sessionId, (room = { subscribers: new Set(), recent: [], countTimer: null, lastCount: -1 }));
    return room;
  };

  function deliver(sessionId: string, m: RoomMessage) {
    const room = rooms.get(sessionId);
    const text = frame(m);
    if (room && m.id !== undefined) {
      room.recent.push({ id: m.id, frame: text });
      if (room.recent.length > LIMITS.replay) room.recent.splice(0, room.recent.length - LIMITS.replay);
    }
    if (!room) return;
    for (const s of room.subscribers) {
      try {
        s.write(text);
      } catch (err) {
        log?.warn({ err, sessionId }, 'live: a subscriber write failed');
      }
    }
  }

  // Cross-process wiring: one subscriber connection for every room of this process.
  const channel = options.channel ?? `fission_live:${redis?.options.db ?? 0}`;
  let subscriber: Redis | null = null;
  if (redis) {
    subscriber = redis.duplicate();
    subscriber.on('error', () => {});
    subscriber.on('message', (ch: string, raw: string) => {
      if (ch !== channel) return;
      try {
        const m = JSON.parse(raw) as { s: string; id: number; e: string; d: unknown };
        deliver(m.s, { id: m.id, event: m.e, data: m.d });
      } catch (err) {
        log?.warn({ err }, 'live: unreadable fan-out message');
      }
    });
    await subscriber.subscribe(channel);
  }

  const presenceKey = (sessionId: string) => `live:viewers:${sessionId}`;

  async function beat(sessionId: string) {
    if (!redis) return;
    const room = rooms.get(sessionId);
    const count = room?.subscribers.size ?? 0;
    const key = presenceKey(sessionId);
    if (count === 0) await redis.hdel(key, processId);
    else await redis.multi().hset(key, processId, `${count}:${options.now()}`).pexpire(key, beatMs * 6).exec();
  }

  async function viewers(sessionId: string): Promise<number> {
    if (!redis) return rooms.get(sessionId)?.subscribers.size ?? 0;
    const all = await redis.hgetall(presenceKey(sessionId));
    const beats = Object.values(all).map((v) => {
      const [count, at] = v.split(':');
      return { count: Number(count), at: Number(at) };
    });
    return sumViewers(beats, options.now(), beatMs * 3);
  }

  /** After joins and leaves settle, tell this process's viewers the room's count. */
  function scheduleCount(sessionId: string) {
    const room = rooms.get(sessionId);
    if (!room || room.countTimer) return;
    room.countTimer = setTimeout(() => {
      room.countTimer = null;
      void refreshCount(sessionId);
    }, countDelayMs);
    room.countTimer.unref();
  }

  async function refreshCount(sessionId: string) {
    try {
      await beat(sessionId);
      const count = await viewers(sessionId);
      const room = rooms.get(sessionId);
      if (room && count !== room.lastCount) {
        room.lastCount = count;
        deliver(sessionId, { event: 'viewers', data: { count } });
      }
      options.onCount?.(sessionId, count);
      if (room && room.subscribers.size === 0 && !room.countTimer) rooms.delete(sessionId);
    } catch (err) {
      log?.warn({ err, sessionId }, 'live: viewer count not refreshed');
    }
  }

  // Heartbeats keep this process's counts fresh, and pick up other processes' joins and leaves.
  const beats = setInterval(() => {
    for (const sessionId of rooms.keys()) void refreshCount(sessionId);
  }, beatMs);
  beats.unref();

  return {
    transport: redis ? 'redis' : 'local',
    join(sessionId, sub, lastEventId) {
      const room = roomOf(sessionId);
      room.subscribers.add(sub);
      scheduleCount(sessionId);
      const missed = missedSince(room.recent, lastEventId).map((m) => m.frame);
      return {
        missed,
        leave: () => {
          room.subscribers.delete(sub);
          scheduleCount(sessionId);
        },
      };
    },
    async publish(sessionId, event, data) {
      if (!redis) {
        const id = ++localSeq;
        deliver(sessionId, { id, event, data });
        return id;
      }
      const id = await redis.incr(`live:seq:${sessionId}`);
      await redis.publish(channel, JSON.stringify({ s: sessionId, id, e: event, d: data }));
      return id;
    },
    viewers,
    localViewers: (sessionId) => rooms.get(sessionId)?.subscribers.size ?? 0,
    async close() {
      clearInterval(beats);
      for (const [sessionId, room] of rooms) {
        if (room.countTimer) clearTimeout(room.countTimer);
        room.subscribers.clear();
        await beat(sessionId).catch(() => {});
      }
      rooms.clear();
      subscriber?.disconnect();
    },
  };
}
