// The no-op baseline: a bare Fastify in its own process answering the same routes the benchmark
// sends to Fission (same methods, paths, headers), validating the same request bodies against
// the same kind of JSON schema, and answering with a JSON body padded to the size of the real
// answer (measured on the Fission server just before; env BASELINE_SIZES). It does no work, so
// a ratio to it says what share of plain HTTP + JSON throughput the real handler keeps.
// env: PORT (required), BASELINE_SIZES = {"list":n,"page":n,"purchase":n,"order":n,"payment":n,"confirm":n}
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

type Route = 'list' | 'page' | 'purchase' | 'order' | 'payment' | 'confirm';
const sizes = JSON.parse(process.env.BASELINE_SIZES ?? '{}') as Partial<Record<Route, number>>;

// A body of the real answer's size; an id first, so the checkout chain can follow it.
const answer = (route: Route) => {
  const id = randomUUID();
  const bare = JSON.stringify({ id, status: 'ok', pad: '' }).length;
  return { id, status: 'ok', pad: 'x'.repeat(Math.max(0, (sizes[route] ?? 64) - bare)) };
};

const uuid = { type: 'string', format: 'uuid' } as const;
const strict = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', additionalProperties: false, properties, required });

const app = Fastify({ logger: false, ajv: { customOptions: { coerceTypes: false, removeAdditional: false } } });

app.get('/health', async () => ({ status: 'ok' }));
app.get('/api/v1/catalog/products', { schema: { querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } } } } }, async () => answer('list'));
app.get('/api/v1/catalog/products/:id', async () => answer('page'));
app.post('/api/v1/flashsale/slots/:slotId/items/:itemId/purchase', {
  schema: { body: strict({ addressId: uuid, quantity: { type: 'integer', minimum: 1, maximum: 99 } }, ['addressId']) },
}, async () => answer('purchase'));
app.post('/api/v1/orders', {
  schema: {
    body: strict({
      items: { type: 'array', minItems: 1, maxItems: 50, items: strict({ skuId: uuid, quantity: { type: 'integer', minimum: 1, maximum: 999 } }, ['skuId', 'quantity']) },
      addressId: uuid,
    }, ['addressId']),
  },
}, async (_req, reply) => reply.status(201).send(answer('order')));
app.post('/api/v1/orders/:id/payments', async (_req, reply) => reply.status(201).send(answer('payment')));
app.post('/api/v1/payments/:id/confirm', {
  schema: {
    body: strict({
      card: strict({ number: { type: 'string', minLength: 12, maxLength: 23, pattern: '^[0-9 -]+$' }, expMonth: { type: 'integer' }, expYear: { type: 'integer' }, cvc: { type: 'string', pattern: '^[0-9]{3,4}$' } }, ['number']),
    }, ['card']),
  },
}, async () => answer('confirm'));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
