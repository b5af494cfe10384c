import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, IdParams, Nullable, PageQuery, Type } from '../../platform/schema.ts';
import type { ModerationService } from './moderation.service.ts';

const Kind = Type.Union([Type.Literal('review'), Type.Literal('note'), Type.Literal('comment'), Type.Literal('chat')]);
const ItemStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused')]);
const Action = Type.Union([Type.Literal('hold'), Type.Literal('refuse')], { description: 'hold: an operator decides; refuse: never published' });
const Reason = Type.Object({ code: Type.String(), words: Type.Optional(Type.Array(Type.String())) });

const ItemSchema = Type.Object({
  id: Type.String(),
  kind: Kind,
  subjectId: Type.String(),
  authorId: Type.String(),
  text: Type.String(),
  title: Nullable(Type.String()),
  productIds: Type.Array(Type.String()),
  verdict: Type.Union([Type.Literal('held'), Type.Literal('refused')]),
  reasons: Type.Array(Reason),
  sentiment: Type.Number(),
  status: ItemStatus,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
const WordSchema = Type.Object({ id: Type.String(), word: Type.String(), action: Action, note: Nullable(Type.String()), createdAt: Type.String() });

export function moderationAdminRoutes(moderation: ModerationService) {
  return async (app: App) => {
    app.get('/moderation/items', {
      schema: {
        tags: ['admin'],
        summary: 'The moderation queue: content the rules held or refused, newest first',
        querystring: Type.Object({ status: Type.Optional(ItemStatus), kind: Type.Optional(Kind), ...PageQuery }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ItemSchema), pending: Type.Integer(), nextCursor: Nullable(Type.String()) }) },
      },
    }, async (req) => moderation.queue(req.query));

    app.post('/moderation/items/:id/decide', {
      schema: {
        tags: ['admin'],
        summary: 'Approve (publish) or refuse held content; the owning module hears `moderation.decided`',
        params: IdParams,
        body: Body({ verdict: Type.Union([Type.Literal('approved'), Type.Literal('refused')]) }),
        response: { 200: ItemSchema },
      },
    }, async (req) => moderation.decide(requireUser(req).id, req.params.id, req.body.verdict));

    app.get('/moderation/words', {
      schema: { tags: ['admin'], summary: 'The sensitive-word list', response: { 200: Type.Object({ items: Type.Array(WordSchema) }) } },
    }, async () => moderation.listWords());

    app.post('/moderation/words', {
      schema: {
        tags: ['admin'],
        summary: 'Add a word to the list (or change the action of a listed one); every process rebuilds its matcher',
        body: Body({ word: Type.String({ minLength: 1, maxLength: 40 }), action: Action, note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) }),
        response: { 201: WordSchema },
      },
    }, async (req, reply) => reply.status(201).send(await moderation.addWord(requireUser(req).id, req.body)));

    app.delete('/moderation/words/:id', {
      schema: { tags: ['admin'], summary: 'Remove a word from the list', params: IdParams, response: { 204: Type.Null() } },
    }, async (req, reply) => {
      await moderation.removeWord(requireUser(req).id, req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/moderation/alerts', {
      schema: {
        tags: ['admin'],
        summary: 'Products whose negative content in the recent days is well above their usual rate',
        querystring: Type.Object({
          recentDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 14 })),
          baselineDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 90 })),
          minNegatives: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          factor: Type.Optional(Type.Number({ minimum: 1, maximum: 20 })),
          minIncrease: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            since: Type.String(),
            baselineFrom: Type.String(),
            settings: Type.Object({ recentDays: Type.Integer(), baselineDays: Type.Integer(), minNegatives: Type.Integer(), factor: Type.Number(), minIncrease: Type.Number() }),
            storeRate: Type.Number(),
            items: Type.Array(Type.Object({
              productId: Type.String(), recentTotal: Type.Integer(), recentNegative: Type.Integer(), baselineTotal: Type.Integer(), baselineNegative: Type.Integer(),
              usualRate: Type.Number(), recentRate: Type.Number(),
            })),
          }),
        },
      },
    }, async (req) => moderation.alerts(req.query));

    app.post('/moderation/preview', {
      schema: {
        tags: ['admin'],
        summary: 'What the rules would do with a text (nothing is written): verdict, sanitised text, sentiment, reasons',
        body: Body({ text: Type.String({ minLength: 1, maxLength: 5000 }) }),
        response: { 200: Type.Object({ verdict: Type.String(), text: Type.String(), sentiment: Type.Number(), reasons: Type.Array(Reason) }) },
      },
    }, async (req) => moderation.preview(req.body.text));
  };
}
