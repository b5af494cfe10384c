// One running platform per test file: its own database, a manual clock, the app for inject().
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../src/config.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { createLogger } from '../src/platform/context.ts';
import { createRuntime, type Runtime } from '../src/runtime.ts';
import { normaliseEmail, normalisePhone } from '../src/modules/identity/identity.rules.ts';
import { openTestDatabase } from './db.ts';
import { eventProblems } from '../src/platform/events.ts';
import { latestCodeFor } from '../src/platform/messages.ts';
import { errorCatalog, eventCatalog } from '../src/modules.ts';

export interface TestContext extends Runtime {
  clock: ManualClock;
  config: Config;
  /** Run due jobs and deliver pending events until both are quiet. */
  settle(): Promise<void>;
  request(opts: RequestOptions): Promise<LightMyRequestResponse & { data: any }>;
  signUp(overrides?: Partial<{ email: string; phone: string; password: string; displayName: string }>): Promise<TestUser>;
  operator(): Promise<TestUser>;
  /** Asks for a sign-up code (POST /auth/register/start) and reads it from the built-in sender's outbox. */
  registrationCode(login: { email: string } | { phone: string }): Promise<string>;
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
  headers: Record<string, string>;
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  as?: TestUser;
  body?: unknown;
  headers?: Record<string, string>;
  rawBody?: string;
}

let counter = 0;

export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const config = loadConfig({ NODE_ENV: 'test' }, {
    logLevel: 'silent',
    demo: false,
    workers: false,
    rateLimits: { authPerIp: 100_000, ordersPerUser: 100_000, ordersPerIp: 100_000, flashsalePerUser: 100_000, flashsalePerIp: 100_000, shareLinkPerIp: 100_000, eventsPerIp: 100_000 },
    ...overrides,
  });
  const clock = new ManualClock('2026-06-01T08:00:00.000Z');
  const database = await openTestDatabase();
  const runtime = await createRuntime({ config, database, clock, log: createLogger('silent') });
  await runtime.app.ready();

  // Every coded error a test saw, with its status: checked against the error catalog at close.
  const answeredErrors = new Map<string, number>();
  const request: TestContext['request'] = async (opts) => {
    const headers: Record<string, string> = { ...(opts.as?.headers ?? {}), ...(opts.headers ?? {}) };
    let payload: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await runtime.app.inject({ method: opts.method, url: opts.url, headers, payload });
    let data: any;
    try {
      data = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      data = res.body;
    }
    const code = res.statusCode >= 400 ? data?.error?.code : undefined;
    if (typeof code === 'string') answeredErrors.set(code, res.statusCode);
    return Object.assign(res, { data });
  };

  const registrationCode: TestContext['registrationCode'] = async (login) => {
    const started = await request({ method: 'POST', url: '/api/v1/auth/register/start', body: login });
    if (started.statusCode !== 202) throw new Error(`sign-up start failed: ${started.statusCode} ${started.body}`);
    const to = 'email' in login ? normaliseEmail(login.email) : normalisePhone(login.phone);
    // The phone is sealed in the outbox: read through its blind index, as the Outbox page does.
    const code = await latestCodeFor(runtime.platform.db, runtime.platform.pii, 'email' in login ? { email: to! } : { phone: to! });
    if (code === null) throw new Error(`no sign-up code was sent to ${to} (already registered?)`);
    return code;
  };

  const signUp: TestContext['signUp'] = async (o = {}) => {
    counter++;
    const email = o.email ?? `shopper${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const code = await registrationCode({ email });
    const res = await request({ method: 'POST', url: '/api/v1/auth/register', body: { email, code, password: o.password ?? 'fission2026', displayName: o.displayName ?? `Shopper ${counter}`, session: 'bearer' } });
    if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
    return { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
  };

  const operator: TestContext['operator'] = async () => {
    counter++;
    const email = `operator${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await runtime.services.identity.ensureOperator(email, 'Operator-Console-2026', true);
    const res = await request({ method: 'POST', url: '/api/v1/auth/login', body: { login: email, password: 'Operator-Console-2026', session: 'bearer' } });
    return { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
  };

  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      const jobs = await runtime.platform.jobs.runDue();
      const events = await runtime.platform.events.drain();
      if (jobs === 0 && events === 0) return;
    }
  };

  // Every event the file's tests made must match the catalog's schema for its type: payload drift
  // fails the file that caused it, on both databases.
  const close = async () => {
    const rows = await runtime.platform.db.selectFrom('outbox_events').select(['type', 'payload']).execute().catch(() => []);
    await runtime.close();
    const problems = rows.flatMap((r) => eventProblems(eventCatalog, r.type, r.payload));
    if (problems.length) throw new Error(`events that do not match the event catalog:\n${[...new Set(problems)].slice(0, 20).join('\n')}`);
    // Every error code answered must be declared, with the status it was answered with.
    const undeclared = !('VALIDATION_FAILED' in errorCatalog) ? [] : [...answeredErrors].filter(([code, status]) => errorCatalog[code]?.status !== status && status !== 500);
    if (undeclared.length) throw new Error(`error answers that do not match the error catalog: ${undeclared.map(([c, st]) => `${c} (${st}; catalog: ${errorCatalog[c]?.status ?? 'missing'})`).join(', ')}`);
  };

  return { ...runtime, close, clock, config, request, signUp, operator, registrationCode, settle };
}
