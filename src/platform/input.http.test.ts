// Control characters (U+0000 above all: PostgreSQL refuses it inside an INSERT) are refused at the
// edge with one coded 400, on every route of the OpenAPI document, and nothing is written.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/harness.ts';

let t: TestContext;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.operator();
});
afterAll(() => t?.close());

const NUL = 'a\u0000b';

async function userCount() {
  const row = await t.platform.db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

describe('control characters in requests', () => {
  it('refuses U+0000 in a public search with 400 REQUEST_CONTROL_CHARACTER naming the field', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/catalog/products?q=%00' });
    expect(res.statusCode).toBe(400);
    expect(res.data.error).toMatchObject({ code: 'REQUEST_CONTROL_CHARACTER', details: { field: 'query.q' } });
  });

  it('refuses U+0000 inside a sign-up body and creates no account', async () => {
    const before = await userCount();
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email: `nul-${Date.now()}@example.com`, password: 'fission2026', displayName: `x${NUL}`, session: 'bearer' } });
    expect(res.statusCode).toBe(400);
    expect(res.data.error).toMatchObject({ code: 'REQUEST_CONTROL_CHARACTER', details: { field: 'body.displayName' } });
    expect(await userCount()).toBe(before);
  });

  it('refuses other C0 characters and DEL, nested in arrays and objects, but keeps tab, newline and carriage return', async () => {
    const user = await t.signUp();
    for (const bad of ['\u0001', '\u001b', '\u007f', '\u000b']) {
      const res = await t.request({ method: 'POST', url: '/api/v1/me/addresses', as: user, body: { recipient: '李雷', phone: '13800138000', province: '广东省', city: '深圳市', district: '南山区', line1: `科技园${bad}1 号` } });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.data.error.details.field).toBe('body.line1');
    }
    const ok = await t.request({ method: 'POST', url: '/api/v1/me/addresses', as: user, body: { recipient: '李雷', phone: '13800138000', province: '广东省', city: '深圳市', district: '南山区', line1: '科技园\t1 号\r\n2 楼' } });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses U+0000 in a path parameter', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/catalog/products/ab%00cd' });
    expect(res.statusCode).toBe(400);
    expect(res.data.error.code).toBe('REQUEST_CONTROL_CHARACTER');
  });
});

// ---- the sweep: every route of the OpenAPI document, one request each --------------------------

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; enum?: unknown[]; const?: unknown; minimum?: number; minItems?: number; format?: string };

/** A value of the schema's shape in which every string holds U+0000; `hasString` reports whether one did. */
function sample(schema: Schema | undefined, found: { hasString: boolean }, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return sample(variants.find((v) => v.type !== 'null') ?? variants[0], found, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s, found, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (type === 'string' || (schema.const === undefined && typeof schema.enum?.[0] === 'string')) {
    found.hasString = true;
    return NUL;
  }
  if (schema.const !== undefined) return schema.const;
  if (type === 'integer' || type === 'number') return Math.max(1, schema.minimum ?? 1);
  if (type === 'boolean') return false;
  if (type === 'array') return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(schema.items, found, depth + 1));
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(schema.properties ?? {})) out[key] = sample(prop, found, depth + 1);
    return out;
  }
  return null;
}

interface Operation {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const SOME_ID = '00000000-0000-4000-8000-000000000000';

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.platform.db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}`.execute(t.platform.db);
    counts[table_name] = r.rows[0]!.n;
  }
  return counts;
}

describe('malformed-input sweep over the OpenAPI document', () => {
  it('answers U+0000 in a query, body or path string with a coded 4xx on every route and writes nothing', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const before = await tableCounts();
    const failures: string[] = [];
    let sent = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = op.parameters ?? [];
        const found = { hasString: false };
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        const body = bodySchema ? sample(bodySchema, found) : undefined;
        const queryParam = params.find((p) => p.in === 'query');
        const pathParams = params.filter((p) => p.in === 'path');
        let url: string;
        let payload: unknown;
        if (found.hasString) {
          url = path.replace(/\{[^}]+\}/g, SOME_ID);
          payload = body;
        } else if (queryParam) {
          url = `${path.replace(/\{[^}]+\}/g, SOME_ID)}?${queryParam.name}=a%00b`;
          payload = body;
        } else if (pathParams.length) {
          url = path.replace(/\{[^}]+\}/g, 'a%00b');
          payload = body;
        } else {
          continue; // nothing a client could put a string in
        }
        sent++;
        const res = await t.request({ method: method.toUpperCase() as 'GET', url, as: admin, ...(payload !== undefined ? { body: payload } : {}) });
        const code = (res.data as { error?: { code?: string } })?.error?.code;
        if (res.statusCode < 400 || res.statusCode >= 500 || !code) failures.push(`${method.toUpperCase()} ${url} → ${res.statusCode} ${code ?? res.body.slice(0, 80)}`);
      }
    }
    expect(sent).toBeGreaterThan(50);
    expect(failures).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  });
});
