// ANALYTICS_DATABASE_URL: the reports read from the read replica while ingestion writes to the
// primary. On PostgreSQL the "replica" is a second pool on this file's schema that PostgreSQL
// itself keeps read-only (default_transaction_read_only) and names (application_name), so a report
// that ran anywhere else, or tried to write there, shows.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/context.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import { openTestDatabase, testDbKind } from '../../../test/db.ts';

describe('ANALYTICS_DATABASE_URL configuration', () => {
  it('takes a PostgreSQL URL, only beside DATABASE_URL', () => {
    const primary = 'postgres://shop@db-primary:5432/fission';
    const replica = 'postgres://reports@db-replica:5432/fission';
    expect(loadConfig({ DATABASE_URL: primary, ANALYTICS_DATABASE_URL: replica }).analyticsDatabaseUrl).toBe(replica);
    expect(loadConfig({ DATABASE_URL: primary }).analyticsDatabaseUrl).toBeUndefined();
    expect(() => loadConfig({ ANALYTICS_DATABASE_URL: replica })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: primary, ANALYTICS_DATABASE_URL: 'mysql://db-replica/fission' })).toThrow(/ANALYTICS_DATABASE_URL must start with postgres:/);
  });
});

describe.skipIf(testDbKind() !== 'postgres')('analytics reports on the read replica', () => {
  let runtime: Runtime;
  let replicaName: string;
  let operator: Record<string, string>;
  const clock = new ManualClock('2026-06-01T08:00:00.000Z');
  const UA = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47' };

  /** Connections the replica pool holds open (idle ones stay for 10 s after a query). */
  const replicaConnections = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = ${replicaName}`.execute(runtime.platform.db)).rows[0].n);

  beforeAll(async () => {
    const database = await openTestDatabase();
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0].schema;
    replicaName = `fission_replica_${randomUUID().slice(0, 8)}`;
    const replicaUrl = new URL(process.env.DATABASE_URL!);
    replicaUrl.searchParams.set('application_name', replicaName);
    replicaUrl.searchParams.set('options', `-c search_path=${schema} -c default_transaction_read_only=on`);
    const config = loadConfig(
      { NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL, ANALYTICS_DATABASE_URL: replicaUrl.toString() },
      { logLevel: 'silent', demo: false, workers: false, rateLimits: { authPerIp: 100_000, eventsPerIp: 100_000 } },
    );
    runtime = await createRuntime({ config, database, clock, log: createLogger('silent') });
    await runtime.app.ready();
    const email = `replica-operator-${randomUUID().slice(0, 8)}@example.com`;
    await runtime.services.identity.ensureOperator(email, 'Operator-Console-2026', true);
    const login = await runtime.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: email, password: 'Operator-Console-2026', session: 'bearer' } });
    operator = { authorization: `Bearer ${login.json().token}` };
  });
  afterAll(() => runtime?.close());

  it('answers the funnel from the replica pool while the beacon writes to the primary', async () => {
    expect(runtime.platform.readReplica).not.toBeNull();
    const events = ['page_view', 'product_view', 'add_to_cart'].map((name, i) => ({ id: `replica-${i}-${randomUUID().slice(0, 8)}`, name, at: new Date(clock.now().getTime() - (60 - i) * 1000).toISOString() }));
    for (const visitor of ['replica-visitor-1', 'replica-visitor-2']) {
      const res = await runtime.app.inject({ method: 'POST', url: '/api/v1/events', headers: { ...UA, 'x-device-id': visitor }, payload: { events: visitor.endsWith('1') ? events : events.slice(0, 1).map((e) => ({ ...e, id: `${e.id}-2` })) } });
      expect(res.statusCode).toBe(202);
    }
    // The rollup job (which the funnel reads) runs on the primary too.
    await runtime.services.analytics.rollup('2026-06-01');
    // Ingestion and rollups went through the primary: the replica pool has not been asked for anything.
    expect(await replicaConnections()).toBe(0);

    const funnel = await runtime.app.inject({ method: 'GET', url: '/api/v1/admin/analytics/funnel?from=2026-06-01&to=2026-06-01&steps=page_view,product_view,add_to_cart', headers: operator });
    expect(funnel.statusCode).toBe(200);
    expect(funnel.json().steps.map((s: { count: number }) => s.count)).toEqual([2, 1, 1]);
    // The report ran on the replica pool, which PostgreSQL keeps read-only for this test.
    expect(await replicaConnections()).toBeGreaterThan(0);
    await expect(sql`insert into analytics_daily_people (day, person, events) values ('2026-06-01', 'x', 1)`.execute(runtime.platform.readReplica!.db))
      .rejects.toThrow(/read-only transaction/);
  });

  it('serves every report there without writing', async () => {
    for (const report of ['retention', 'active-users', 'campaigns', 'channels', 'viral', 'trends?names=page_view']) {
      const res = await runtime.app.inject({ method: 'GET', url: `/api/v1/admin/analytics/${report}${report.includes('?') ? '&' : '?'}from=2026-06-01&to=2026-06-01`, headers: operator });
      expect(res.statusCode, `${report}: ${res.body}`).toBe(200);
    }
  });
});
