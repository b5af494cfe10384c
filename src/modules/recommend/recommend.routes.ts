import type { App } from '../../platform/http.ts';
import { MoneySchema, Nullable, Type } from '../../platform/schema.ts';
import type { RecommendService } from './recommend.service.ts';

const Reason = Type.Object({
  kind: Type.Union([Type.Literal('because_viewed'), Type.Literal('in_cart'), Type.Literal('friends_bought'), Type.Literal('popular')], {
    description: 'because_viewed: like a product the shopper looked at (productId); in_cart: goes with a cart item (productId); friends_bought: bought by `friends` friends; popular: a best-seller',
  }),
  productId: Nullable(Type.String()),
  productTitle: Nullable(Type.String()),
  productTitleEn: Nullable(Type.String()),
  friends: Type.Integer(),
});

const Item = Type.Object({
  productId: Type.String(),
  title: Type.String(),
  titleEn: Nullable(Type.String()),
  image: Nullable(Type.String()),
  price: MoneySchema,
  reason: Reason,
});

const Context = Type.Union([Type.Literal('home'), Type.Literal('product'), Type.Literal('cart')]);

const recommendationFields = {
  context: Context,
  personalised: Type.Boolean({ description: 'false for anonymous visitors and shoppers who turned personalisation off: they get popular items' }),
  trainedAt: Nullable(Type.String()),
  items: Type.Array(Item),
};
const Recommendations = Type.Object(recommendationFields);

const ModelFigures = Type.Object({
  model: Type.String(),
  recallAt10: Type.Number(),
  ndcgAt10: Type.Number(),
  recallVsPopularity: Nullable(Type.Number()),
  trainMs: Type.Number(),
});

const Run = Type.Object({
  id: Type.String(),
  trigger: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  interactions: Type.Integer({ description: 'distinct (shopper, product) pairs trained on' }),
  users: Type.Integer(),
  items: Type.Integer({ description: 'sellable products' }),
  model: Nullable(Type.String({ description: 'the personal model serving: item_item or ease' })),
  trainMs: Type.Integer(),
  metrics: Nullable(
    Type.Object({
      users: Type.Integer(),
      items: Type.Integer(),
      interactions: Type.Integer(),
      testUsers: Type.Integer(),
      gramMs: Type.Number(),
      models: Type.Array(ModelFigures),
    }, { description: 'leave-last-out on the store’s own history: recall@10 and NDCG@10 per model' }),
  ),
  error: Nullable(Type.String()),
});

export function recommendRoutes(recommend: RecommendService) {
  return async (app: App) => {
    app.get('/recommendations', {
      schema: {
        tags: ['recommend'],
        summary: '猜你喜欢: recommendations for the home, product or cart page',
        querystring: Type.Object({
          context: Context,
          productId: Type.Optional(Type.String({ maxLength: 64, description: 'required with context=product' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
        }, { additionalProperties: false }),
        response: { 200: Recommendations },
      },
    }, async (req) => recommend.recommend(req.user?.id ?? null, { context: req.query.context, productId: req.query.productId, limit: req.query.limit ?? 10 }));
  };
}

export function recommendAdminRoutes(recommend: RecommendService) {
  return async (app: App) => {

    app.get('/recommend/quality', {
      schema: { tags: ['recommend'], summary: 'The latest training run and the latest successful one, with offline figures', response: { 200: Type.Object({ latest: Nullable(Run), lastDone: Nullable(Run) }) } },
    }, async () => recommend.quality());

    app.post('/recommend/train', {
      schema: { tags: ['recommend'], summary: 'Train the recommenders now (also runs daily at 03:30 China time)', response: { 201: Run } },
    }, async (req, reply) => reply.status(201).send(await recommend.train('operator')));

    app.get('/recommend/preview', {
      schema: {
        tags: ['recommend'],
        summary: 'What one customer’s home page recommends, with reasons',
        querystring: Type.Object({ customer: Type.String({ minLength: 1, maxLength: 200, description: 'customer id, phone or email' }) }),
        response: { 200: Type.Object({ customer: Type.Object({ id: Type.String(), displayName: Nullable(Type.String()) }), ...recommendationFields }) },
      },
    }, async (req) => recommend.preview(req.query.customer));
  };
}
