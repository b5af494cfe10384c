import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, IdParams, MoneySchema, Nullable, PageQuery, Type, Uuid } from '../../platform/schema.ts';
import { LIMITS } from './community.rules.ts';
import type { CommunityService } from './community.service.ts';

// Shoppers' images: the catalog's media store and limits (2 MB), raster formats only (no SVG from shoppers).
const IMAGE_MAX_BASE64 = Math.ceil((2 * 1024 * 1024) / 3) * 4;

const Person = Type.Object({ id: Type.String(), name: Type.String(), initial: Type.String(), kol: Type.Boolean({ description: 'a KOL verified by an operator' }) });
const ProductCard = Type.Object({ id: Type.String(), title: Type.String(), image: Nullable(Type.String()), price: Nullable(MoneySchema) });
const Sales = Type.Object({ orders: Type.Integer(), paidOrders: Type.Integer(), gmv: MoneySchema }, { description: 'orders attributed (last touch) to shares of the note(s); GMV is paid and not refunded' });
const NoteStatus = Type.Union([Type.Literal('published'), Type.Literal('held'), Type.Literal('hidden'), Type.Literal('deleted')]);
const NoteFields = {
  id: Type.String(),
  title: Type.String(),
  text: Type.String({ description: 'sanitised by moderation' }),
  images: Type.Array(Type.String()),
  topics: Type.Array(Type.String()),
  kind: Type.Union([Type.Literal('note'), Type.Literal('order')], { description: 'order: a 晒单 from one of the author’s orders' }),
  orderId: Nullable(Type.String({ description: 'to the author only' })),
  status: NoteStatus,
  author: Person,
  products: Type.Array(ProductCard),
  likes: Type.Integer(),
  favourites: Type.Integer(),
  comments: Type.Integer(),
  likedByMe: Type.Boolean(),
  favouritedByMe: Type.Boolean(),
  createdAt: Type.String(),
};
const Note = Type.Object(NoteFields);
const NoteDetail = Type.Object({ ...NoteFields, sales: Nullable(Sales) });
const FeedNote = Type.Object({ ...NoteFields, source: Type.Union([Type.Literal('following'), Type.Literal('popular')]) });
const AdminNote = Type.Object({ ...NoteFields, sales: Sales });
const CommentFields = { id: Type.String(), noteId: Type.String(), parentId: Nullable(Type.String()), text: Type.String(), status: Type.String(), author: Person, replyTo: Nullable(Person), createdAt: Type.String() };
const Comment = Type.Object({ ...CommentFields, replies: Type.Array(Type.Object(CommentFields)), replyCount: Type.Integer() });
const KolStatus = Type.Union([Type.Literal('applied'), Type.Literal('verified'), Type.Literal('rejected'), Type.Literal('revoked')]);
const Kol = Type.Object({ userId: Type.String(), status: KolStatus, intro: Nullable(Type.String()), appliedAt: Nullable(Type.String()), decidedAt: Nullable(Type.String()) });
const KolItem = Type.Object({ ...Person.properties, status: KolStatus, intro: Nullable(Type.String()), followers: Type.Integer(), notes: Type.Integer(), appliedAt: Nullable(Type.String()), decidedAt: Nullable(Type.String()), sales: Nullable(Sales) });
const Profile = Type.Object({
  ...Person.properties,
  followers: Type.Integer(),
  following: Type.Integer(),
  notes: Type.Integer(),
  likesReceived: Type.Integer(),
  favouritesReceived: Type.Integer(),
  followedByMe: Type.Boolean(),
  self: Type.Boolean(),
  kol: Nullable(Type.Object({ status: KolStatus, intro: Nullable(Type.String()) })),
  sales: Nullable(Sales),
});
const Reaction = Type.Object({ noteId: Type.String(), likes: Type.Integer(), favourites: Type.Integer(), likedByMe: Type.Optional(Type.Boolean()), favouritedByMe: Type.Optional(Type.Boolean()) });
const PageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
const Query = Type.Object(PageQuery, { additionalProperties: false });
const MediaPath = Type.String({ pattern: '^/media/[0-9a-fA-F-]{36}$', description: 'a /media/{id} path from POST /community/images' });
const tags = ['community'];
const viewer = (req: { user?: { id: string } | null }) => req.user?.id ?? null;
const page = (q: { cursor?: string; limit?: number }) => ({ cursor: q.cursor, limit: q.limit ?? 20 });

export function communityRoutes(community: CommunityService) {
  return async (app: App) => {
    app.post('/community/images', {
      bodyLimit: IMAGE_MAX_BASE64 + 64 * 1024,
      schema: {
        tags,
        summary: 'Upload an image for a note (PNG, JPEG or WebP, up to 2 MB) as base64 JSON; use the returned url in a note',
        body: Body({ contentType: Type.Union([Type.Literal('image/png'), Type.Literal('image/jpeg'), Type.Literal('image/webp')]), dataBase64: Type.String({ minLength: 1, maxLength: IMAGE_MAX_BASE64 + 4096 }) }),
        response: { 201: Type.Object({ id: Type.String(), url: Type.String() }) },
      },
    }, async (req, reply) => reply.status(201).send(await community.uploadImage(requireUser(req).id, req.body.contentType, req.body.dataBase64)));

    app.post('/community/notes', {
      schema: {
        tags,
        summary: 'Post a note (种草), or a 晒单 from one of your paid orders (its products are tagged for you); text and title pass moderation; #话题 in the text become topics',
        body: Body({
          title: Type.String({ minLength: 1, maxLength: LIMITS.titleMax }),
          text: Type.String({ minLength: 1, maxLength: LIMITS.textMax }),
          images: Type.Optional(Type.Array(MediaPath, { maxItems: LIMITS.imagesMax, uniqueItems: true })),
          productIds: Type.Optional(Type.Array(Uuid, { maxItems: LIMITS.productsMax, uniqueItems: true })),
          orderId: Type.Optional(Uuid),
        }),
        response: { 201: NoteDetail },
      },
    }, async (req, reply) => reply.status(201).send(await community.postNote(requireUser(req).id, req.body)));

    app.get('/community/notes/:id', { schema: { tags, summary: 'A note with its products; its author also reads the sales its shares brought', params: IdParams, response: { 200: NoteDetail } } }, async (req) => community.getNote(req.params.id, viewer(req)));

    app.delete('/community/notes/:id', { schema: { tags, summary: 'Delete your note', params: IdParams, response: { 204: Type.Null() } } }, async (req, reply) => {
      await community.deleteNote(requireUser(req).id, req.params.id);
      return reply.status(204).send(null);
    });

    for (const [path, act] of [['like', community.like], ['favourite', community.favourite]] as const) {
      app.put(`/community/notes/:id/${path}`, { schema: { tags, summary: `${path === 'like' ? 'Like' : 'Save to favourites'} a note (repeating changes nothing)`, params: IdParams, response: { 200: Reaction } } }, async (req) => act(requireUser(req).id, req.params.id, true));
      app.delete(`/community/notes/:id/${path}`, { schema: { tags, summary: `Take back a ${path}`, params: IdParams, response: { 200: Reaction } } }, async (req) => act(requireUser(req).id, req.params.id, false));
    }

    app.get('/community/notes/:id/comments', { schema: { tags, summary: 'Comments on a note, oldest first, each with its first replies', params: IdParams, querystring: Query, response: { 200: PageOf(Comment) } } }, async (req) => community.listComments(req.params.id, viewer(req), page(req.query)));

    app.post('/community/notes/:id/comments', {
      schema: { tags, summary: 'Comment on a note, or reply to a comment (one level: a reply to a reply joins its thread); passes moderation', params: IdParams, body: Body({ text: Type.String({ minLength: 1, maxLength: LIMITS.commentMax }), parentId: Type.Optional(Uuid) }), response: { 201: Comment } },
    }, async (req, reply) => reply.status(201).send(await community.postComment(requireUser(req).id, req.params.id, req.body)));

    app.delete('/community/comments/:id', { schema: { tags, summary: 'Delete your comment', params: IdParams, response: { 204: Type.Null() } } }, async (req, reply) => {
      await community.deleteComment(requireUser(req).id, req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/community/feed', { schema: { tags, summary: 'The feed: notes of people you follow (newest first), then popular notes (likes + comments + favourites, decayed by age), by cursor', querystring: Query, response: { 200: PageOf(FeedNote) } } }, async (req) => community.feed(viewer(req), page(req.query)));

    app.get('/community/topics', { schema: { tags, summary: 'Topics with the most notes over the last 30 days', querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Type.Object({ topic: Type.String(), notes: Type.Integer() })) }) } } }, async (req) => community.trendingTopics(req.query.limit ?? 20));

    app.get('/community/topics/:topic/notes', {
      schema: { tags, summary: 'Notes with a topic (#话题), newest first', params: Type.Object({ topic: Type.String({ minLength: 1, maxLength: 40 }) }), querystring: Query, response: { 200: Type.Object({ topic: Type.String(), items: Type.Array(Note), nextCursor: Nullable(Type.String()) }) } },
    }, async (req) => community.listTopicNotes(req.params.topic, viewer(req), page(req.query)));

    app.get('/community/me/favourites', { schema: { tags, summary: 'Notes you saved, latest first', querystring: Query, response: { 200: PageOf(Note) } } }, async (req) => community.listFavourites(requireUser(req).id, page(req.query)));

    app.get('/community/people/:id', { schema: { tags, summary: 'A profile (a verified KOL’s with the orders and GMV their notes’ shares brought)', params: IdParams, response: { 200: Profile } } }, async (req) => community.getProfile(req.params.id, viewer(req)));

    app.get('/community/people/:id/notes', { schema: { tags, summary: 'A person’s notes, newest first (yours include held and hidden ones)', params: IdParams, querystring: Query, response: { 200: PageOf(Note) } } }, async (req) => community.listNotesOf(req.params.id, viewer(req), page(req.query)));

    app.get('/community/people/:id/followers', { schema: { tags, summary: 'A person’s followers, latest first', params: IdParams, querystring: Query, response: { 200: PageOf(Person) } } }, async (req) => community.listFollowers(req.params.id, viewer(req), page(req.query)));

    const FollowResult = Type.Object({ id: Type.String(), followedByMe: Type.Boolean(), followers: Type.Integer() });
    app.put('/community/people/:id/follow', { schema: { tags, summary: 'Follow someone', params: IdParams, response: { 200: FollowResult } } }, async (req) => community.follow(requireUser(req).id, req.params.id, true));
    app.delete('/community/people/:id/follow', { schema: { tags, summary: 'Unfollow someone', params: IdParams, response: { 200: FollowResult } } }, async (req) => community.follow(requireUser(req).id, req.params.id, false));

    app.get('/community/kols', { schema: { tags, summary: 'Verified KOLs, latest verified first', querystring: Query, response: { 200: PageOf(KolItem) } } }, async (req) => community.listKols({ status: 'verified', ...page(req.query) }, viewer(req), false));

    app.post('/community/kol/apply', {
      schema: { tags, summary: 'Apply to be a verified KOL; an operator decides', body: Body({ intro: Type.String({ minLength: 1, maxLength: LIMITS.introMax }) }), response: { 200: Kol } },
    }, async (req) => {
      const user = requireUser(req);
      return community.changeKol(user.id, 'apply', null, req.body.intro);
    });
  };
}

export function communityAdminRoutes(community: CommunityService) {
  return async (app: App) => {
    const admin = ['admin', 'community'];
    app.get('/community/notes', {
      schema: { tags: admin, summary: 'Notes of every status, newest first, with the sales their shares brought', querystring: Type.Object({ ...PageQuery, status: Type.Optional(NoteStatus), authorId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 200: PageOf(AdminNote) } },
    }, async (req) => community.listNotesForOperator({ status: req.query.status, authorId: req.query.authorId, ...page(req.query) }));

    app.post('/community/notes/:id/hide', { schema: { tags: admin, summary: 'Hide a note from everyone but its author', params: IdParams, response: { 200: Note } } }, async (req) => community.setNoteHidden(requireUser(req).id, req.params.id, true));
    app.post('/community/notes/:id/show', { schema: { tags: admin, summary: 'Show a hidden note again', params: IdParams, response: { 200: Note } } }, async (req) => community.setNoteHidden(requireUser(req).id, req.params.id, false));

    app.get('/community/kols', {
      schema: { tags: admin, summary: 'KOL applications and verified KOLs, latest change first, with attributed sales', querystring: Type.Object({ ...PageQuery, status: Type.Optional(KolStatus) }, { additionalProperties: false }), response: { 200: PageOf(KolItem) } },
    }, async (req) => community.listKols({ status: req.query.status, ...page(req.query) }, null, true));

    for (const action of ['verify', 'reject', 'revoke'] as const) {
      app.post(`/community/kols/:id/${action}`, { schema: { tags: admin, summary: `${action[0].toUpperCase()}${action.slice(1)} a KOL (verify also works without an application)`, params: IdParams, response: { 200: Kol } } }, async (req) => community.changeKol(req.params.id, action, requireUser(req).id));
    }
  };
}
