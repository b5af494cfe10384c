// Events of notes, comments, follows and KOL verification.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;
const NullableId = Type.Union([Id, Type.Null()]);

export const communityEvents = [
  defineEvent('community.note_posted', 'A shopper posted a note (a 晒单 when it names an order); visible is false while moderation holds it', Obj({ noteId: Id, authorId: Id, orderId: NullableId, productIds: Type.Array(Id), topics: Type.Array(Type.String()), visible: Type.Boolean() })),
  defineEvent('community.note_status_changed', 'A note was published after review, hidden or deleted', Obj({ noteId: Id, authorId: Id, from: Type.String(), to: Type.String(), by: Type.Union([Type.Literal('moderation'), Type.Literal('operator'), Type.Literal('author')]) })),
  defineEvent('community.note_liked', 'A shopper liked a note', Obj({ noteId: Id, userId: Id, authorId: Id })),
  defineEvent('community.note_favourited', 'A shopper saved a note to their favourites', Obj({ noteId: Id, userId: Id, authorId: Id })),
  defineEvent('community.comment_posted', 'A shopper commented on a note or replied to a comment', Obj({ commentId: Id, noteId: Id, authorId: Id, parentId: NullableId, visible: Type.Boolean() })),
  defineEvent('community.followed', 'A shopper followed someone', Obj({ followerId: Id, followeeId: Id })),
  defineEvent('community.kol_changed', 'A KOL application or verification changed', Obj({ userId: Id, from: Type.Union([Type.String(), Type.Null()]), to: Type.String(), actorId: NullableId })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof communityEvents> {}
}
