// How notes, comments and people read over HTTP: authors by (masked) name, products as cards,
// and the viewer's own likes and favourites.
import { maskName } from '../../platform/mask.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import * as repo from './community.repo.ts';
import { canSeeComment, initialOf, publicName } from './community.rules.ts';
import type { CommunityDb } from './community.table.ts';

export interface ProductCard {
  id: string;
  title: string;
  image: string | null;
  price: { amount: number; currency: string } | null;
}

export interface Presenters {
  displayNames(executor: AnyExecutor, userIds: string[]): Promise<Map<string, string>>;
  /** A product as the storefront shows it; null when it is gone or off sale. */
  productCard(id: string): Promise<ProductCard | null>;
}

export function createPresenter(db: CommunityDb, deps: Presenters) {
  /** Authors as others see them: verified KOLs by name, everyone else masked (the viewer sees their own). */
  async function people(userIds: string[], viewerId: string | null) {
    const ids = [...new Set(userIds)];
    const [names, kols] = await Promise.all([ids.length ? deps.displayNames(db, ids) : new Map<string, string>(), repo.findVerifiedKols(db, ids)]);
    const out = new Map<string, { id: string; name: string; initial: string; kol: boolean }>();
    for (const id of ids) {
      const name = names.get(id);
      if (name === undefined) continue;
      const shown = publicName(name, { verifiedKol: kols.has(id), self: id === viewerId }, maskName);
      out.set(id, { id, name: shown, initial: initialOf(name), kol: kols.has(id) });
    }
    return out;
  }

  const unknownPerson = (id: string) => ({ id, name: '**', initial: '?', kol: false });

  async function cards(productIds: string[]) {
    const unique = [...new Set(productIds)];
    const loaded = await Promise.all(unique.map((id) => deps.productCard(id)));
    return new Map(unique.map((id, i) => [id, loaded[i]]));
  }

  async function notes(rows: repo.NoteRow[], viewerId: string | null) {
    const ids = rows.map((r) => r.id);
    const [authors, products, liked, favourited] = await Promise.all([
      people(rows.map((r) => r.author_id), viewerId),
      cards(rows.flatMap((r) => r.product_ids)),
      viewerId ? repo.findReactedNotes(db, 'community_note_likes', viewerId, ids) : new Set<string>(),
      viewerId ? repo.findReactedNotes(db, 'community_note_favourites', viewerId, ids) : new Set<string>(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      text: r.body,
      images: r.images,
      topics: r.topics,
      kind: r.order_id ? ('order' as const) : ('note' as const),
      // Which order a 晒单 came from is its author's business.
      orderId: viewerId === r.author_id ? r.order_id : null,
      status: r.status,
      author: authors.get(r.author_id) ?? unknownPerson(r.author_id),
      // A product taken off sale since drops out of the cards.
      products: r.product_ids.map((id) => products.get(id)).filter((c): c is ProductCard => !!c),
      likes: r.likes_count,
      favourites: r.favourites_count,
      comments: r.comments_count,
      likedByMe: liked.has(r.id),
      favouritedByMe: favourited.has(r.id),
      createdAt: r.created_at.toISOString(),
    }));
  }

  async function comments(top: repo.CommentRow[], replies: repo.CommentRow[], counts: Map<string, number>, viewerId: string | null) {
    const authors = await people([...top, ...replies].flatMap((c) => [c.author_id, ...(c.reply_to_user_id ? [c.reply_to_user_id] : [])]), viewerId);
    const one = (c: repo.CommentRow) => ({
      id: c.id,
      noteId: c.note_id,
      parentId: c.parent_id,
      text: c.body,
      status: c.status,
      author: authors.get(c.author_id) ?? unknownPerson(c.author_id),
      replyTo: c.reply_to_user_id ? (authors.get(c.reply_to_user_id) ?? unknownPerson(c.reply_to_user_id)) : null,
      createdAt: c.created_at.toISOString(),
    });
    return top.filter((c) => canSeeComment(c, viewerId)).map((c) => ({
      ...one(c),
      replies: replies.filter((r) => r.parent_id === c.id).map(one),
      replyCount: counts.get(c.id) ?? 0,
    }));
  }

  return { people, notes, comments, one: (c: repo.CommentRow, viewerId: string | null) => comments([c], [], new Map(), viewerId).then((x) => x[0]) };
}

export type Presenter = ReturnType<typeof createPresenter>;
