// Transactional outbox. A state change and its event commit together; the dispatcher then
// delivers each event at least once to every consumer subscribed to its type. A consumer's
// work and its consumption mark commit in one transaction, so a redelivered event is a no-op.
import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { sql, type Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import { addMs } from './clock.ts';
import { backoffMs } from './backoff.ts';
import { platformTables, type PlatformTables } from './platform.table.ts';
import type { AnyExecutor } from './tables.ts';
import { jobRow, type ScheduleOptions } from './jobs.ts';


/** One event type: its name and the TypeBox schema of its payload, declared by the module that owns it. */
export interface EventDefinition<N extends string = string, S extends TSchema = TSchema> {
  readonly name: N;
  readonly schema: S;
  readonly description: string;
}

export function defineEvent<N extends string, S extends TSchema>(name: N, description: string, schema: S): EventDefinition<N, S> {
  return { name, schema, description };
}

/**
 * Event name → payload type. Each module adds its events by interface merging from its
 * `*.events.ts` (`interface EventCatalog extends EventPayloads<typeof myEvents> {}`).
 */
export interface EventCatalog {}
export type EventType = keyof EventCatalog & string;
export type EventPayload<T extends EventType> = EventCatalog[T];
/** The payload map of a list of event definitions, for a module's EventCatalog augmentation. */
export type EventPayloads<L extends readonly EventDefinition[]> = { [E in L[number] as E['name']]: Static<E['schema']> };

export interface OutboxEvent<P = Record<string, any>> {
  id: number;
  type: string;
  aggregateId: string;
  payload: P;
  occurredAt: Date;
}

/** Write an event to the outbox in the caller's transaction; its payload is the one its type declares. */
export async function publishEvent<T extends EventType>(trx: AnyExecutor, at: Date, type: T, aggregateId: string, payload: EventPayload<T>): Promise<void> {
  await platformTables
    .of(trx)
    .insertInto('outbox_events')
    .values({ type, aggregate_id: aggregateId, payload: JSON.stringify(payload), occurred_at: at, available_at: at, last_error: null, dispatched_at: null })
    .execute();
}

/**
 * An event and a job in one statement (the job ignored, as scheduleJob does, when its dedupe key
 * was scheduled before). A statement is a round trip, and on the checkout path a round trip costs
 * more than the SQL it carries.
 */
export async function publishEventWithJob<T extends EventType>(trx: AnyExecutor, at: Date, type: T, aggregateId: string, payload: EventPayload<T>, job: ScheduleOptions): Promise<void> {
  await platformTables
    .of(trx)
    .with('scheduled', (db) => db.insertInto('jobs').values(jobRow(job)).onConflict((oc) => oc.column('dedupe_key').doNothing()))
    .insertInto('outbox_events')
    .values({ type, aggregate_id: aggregateId, payload: JSON.stringify(payload), occurred_at: at, available_at: at, last_error: null, dispatched_at: null })
    .execute();
}

/** Problems of a stored event against the catalog: an unknown type, or a payload its schema refuses. */
export function eventProblems(definitions: readonly EventDefinition[], type: string, payload: unknown): string[] {
  const definition = definitions.find((d) => d.name === type);
  if (!definition) return [`${type}: not in the event catalog`];
  return [...Value.Errors(definition.schema, payload)].map((e) => `${type}: ${e.instancePath || '/'} ${e.message}`);
}

export interface Consumer {
  name: string;
  types: string[];
  /** Runs in the transaction that marks the event consumed; the handler narrows it to its module's tables. */
  handle(trx: AnyExecutor, event: OutboxEvent): Promise<void>;
}

const LEASE_MS = 30_000;
const retryDelayMs = (attempts: number) => backoffMs(attempts, 1000, 30 * 60_000);

export class EventDispatcher {
  private readonly consumers: Consumer[] = [];
  constructor(
    private readonly db: Kysely<PlatformTables>,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** The event catalog (every module's declared events), for what may be subscribed to. */
    readonly catalog: readonly EventDefinition[] = [],
  ) {}

  /** The names of every declared event type. */
  types(): string[] {
    return this.catalog.map((e) => e.name);
  }

  subscribe(consumer: Consumer): void {
    if (this.consumers.some((c) => c.name === consumer.name)) throw new Error(`consumer ${consumer.name} registered twice`);
    this.consumers.push(consumer);
  }

  /** Deliver due events once; returns how many events were handled. */
  async dispatchPending(limit = 100): Promise<number> {
    const now = this.clock.now();
    // Lease a batch so another process (or the next tick) leaves it alone while we work.
    const claimed = await this.db
      .updateTable('outbox_events')
      .set({ available_at: addMs(now, LEASE_MS) })
      .where(
        'id',
        'in',
        this.db
          .selectFrom('outbox_events')
          .select('id')
          .where('dispatched_at', 'is', null)
          .where('available_at', '<=', now)
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    claimed.sort((a, b) => a.id - b.id);
    for (const row of claimed) {
      const event: OutboxEvent = { id: row.id, type: row.type, aggregateId: row.aggregate_id, payload: row.payload, occurredAt: row.occurred_at };
      try {
        for (const consumer of this.consumers) {
          if (!consumer.types.includes(event.type) && !consumer.types.includes('*')) continue;
          await this.db.transaction().execute(async (trx) => {
            const first = await trx
              .insertInto('outbox_consumptions')
              .values({ event_id: event.id, consumer: consumer.name, consumed_at: this.clock.now() })
              .onConflict((oc) => oc.doNothing())
              .returning('event_id')
              .executeTakeFirst();
            if (first) await consumer.handle(trx, event);
          });
        }
        await this.db.updateTable('outbox_events').set({ dispatched_at: this.clock.now(), last_error: null }).where('id', '=', event.id).execute();
      } catch (err) {
        const attempts = row.attempts + 1;
        this.log.warn({ err, eventId: event.id, type: event.type, attempts }, 'event delivery failed; will retry');
        await this.db
          .updateTable('outbox_events')
          .set({ attempts, last_error: String((err as Error)?.message ?? err).slice(0, 2000), available_at: addMs(this.clock.now(), retryDelayMs(attempts)) })
          .where('id', '=', event.id)
          .execute();
      }
    }
    return claimed.length;
  }

  /** Dispatch until nothing is due (tests and shutdown). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.dispatchPending();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  async pendingCount(): Promise<number> {
    const row = await this.db
      .selectFrom('outbox_events')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('dispatched_at', 'is', null)
      .executeTakeFirstOrThrow();
    return row.n;
  }
}
