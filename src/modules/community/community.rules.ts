// Community: the words of the domain and the small decisions that need no database.
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import { isUuid } from '../../platform/ids.ts';

export const NOTE_STATUSES = ['published', 'held', 'hidden', 'deleted'] as const;
/** published: everyone sees it; held: moderation holds it (its author alone sees it); hidden: an operator or moderation took it down; deleted: its author removed it. */
export type NoteStatus = (typeof NOTE_STATUSES)[number];
export const COMMENT_STATUSES = ['published', 'held', 'hidden', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export const KOL_STATUSES = ['applied', 'verified', 'rejected', 'revoked'] as const;
export type KolStatus = (typeof KOL_STATUSES)[number];

export const LIMITS = {
  titleMax: 60,
  textMax: 2000,
  imagesMax: 9,
  productsMax: 9,
  topicsMax: 10,
  topicMax: 20,
  commentMax: 500,
  introMax: 200,
  repliesShown: 20,
} as const;

/** Images are the project's stored media (uploaded through POST /community/images or the console). */
export const MEDIA_PATH_RE = /^\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Orders in these states were paid for and not returned: their owner may post a 晒单 from them. */
export const SHOWABLE_ORDER_STATUSES: readonly string[] = ['paid', 'awaiting_team', 'to_ship', 'shipped', 'completed'];

/**
 * Topics (#话题) in a note's text, in order of first appearance, distinct, at most `topicsMax`.
 * A topic runs from `#` over letters, digits, `_` and `·` (any script) and may be closed by a
 * second `#` as Xiaohongshu writes them (#穿搭#); Latin letters are lower-cased so #OOTD is #ootd.
 */
export function parseTopics(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/#([\p{L}\p{N}_·]{1,40})/gu)) {
    const topic = [...m[1]].slice(0, LIMITS.topicMax).join('').toLowerCase();
    if (!out.includes(topic)) out.push(topic);
    if (out.length === LIMITS.topicsMax) break;
  }
  return out;
}

/** A topic from a URL or a query: what parseTopics would have produced for `#value`, or null. */
export function normaliseTopic(value: string): string | null {
  const [topic] = parseTopics(`#${value.replace(/^#/, '')}`);
  return topic && topic.length === [...value.replace(/^#/, '')].length ? topic : null;
}

/** Tags in the order given, order products first, each once, at most `productsMax`. */
export function mergeProductTags(fromOrder: readonly string[], chosen: readonly string[]): { ok: true; productIds: string[] } | { ok: false; count: number } {
  const all = [...new Set([...fromOrder, ...chosen])];
  return all.length > LIMITS.productsMax ? { ok: false, count: all.length } : { ok: true, productIds: all };
}

/**
 * Popularity with time decay (Hacker News' gravity): engagement ÷ (age in hours + 2)^1.5, where
 * engagement is likes + comments + favourites. The SQL in community.repo.ts computes the same
 * formula from these constants; this is its reference for tests and for reading.
 */
export const POPULARITY = { offsetHours: 2, gravity: 1.5, scale: 9 } as const;
export function popularity(engagement: number, ageHours: number): number {
  return engagement / Math.pow(Math.max(ageHours, 0) + POPULARITY.offsetHours, POPULARITY.gravity);
}

/** Which of a note's states a viewer may see: published to all, held and hidden to its author only. */
export function canSeeNote(note: { status: NoteStatus; author_id: string }, viewerId: string | null): boolean {
  if (note.status === 'published') return true;
  return note.status !== 'deleted' && viewerId === note.author_id;
}

export function canSeeComment(c: { status: CommentStatus; author_id: string }, viewerId: string | null): boolean {
  return c.status === 'published' || (c.status === 'held' && viewerId === c.author_id);
}

/** Transitions an operator may make on a KOL record; null when the move is not allowed. */
export function kolTransition(from: KolStatus | null, action: 'apply' | 'verify' | 'reject' | 'revoke'): KolStatus | null {
  switch (action) {
    case 'apply':
      return from === null || from === 'rejected' || from === 'revoked' ? 'applied' : null;
    case 'verify':
      return from !== 'verified' ? 'verified' : null;
    case 'reject':
      return from === 'applied' ? 'rejected' : null;
    case 'revoke':
      return from === 'verified' ? 'revoked' : null;
  }
}

/** A public name: verified KOLs and the person themself read it whole, everyone else masked. */
export function publicName(name: string, opts: { verifiedKol: boolean; self: boolean }, mask: (n: string) => string): string {
  return opts.verifiedKol || opts.self ? name : mask(name);
}

/** The first character of a name, for the avatar placeholder. */
export const initialOf = (name: string) => [...name.trim()][0]?.toUpperCase() ?? '?';

// ---- cursors ------------------------------------------------------------------------------------

export interface TimeCursor {
  at: Date;
  id: string;
}

export interface FeedCursor {
  /** following, then popular */
  phase: 'following' | 'popular';
  /** The instant the first page was read: decay is measured to it, so later pages rank alike. */
  asOf: Date;
  after: (TimeCursor & { score?: string }) | null;
}

const validDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

export function readTimeCursor(cursor: string | undefined): TimeCursor | undefined | 'invalid' {
  if (!cursor) return undefined;
  const c = decodeCursor<{ at?: unknown; id?: unknown }>(cursor);
  if (!c || !validDate(c.at) || typeof c.id !== 'string' || !isUuid(c.id)) return 'invalid';
  return { at: new Date(c.at as string), id: c.id };
}

export const writeTimeCursor = (row: { created_at: Date; id: string }) => encodeCursor({ at: row.created_at.toISOString(), id: row.id });

export function readFeedCursor(cursor: string | undefined): FeedCursor | undefined | 'invalid' {
  if (!cursor) return undefined;
  const c = decodeCursor<{ p?: unknown; asOf?: unknown; at?: unknown; id?: unknown; s?: unknown }>(cursor);
  if (!c || (c.p !== 'following' && c.p !== 'popular') || !validDate(c.asOf)) return 'invalid';
  if (c.at === undefined && c.id === undefined) return { phase: c.p, asOf: new Date(c.asOf as string), after: null };
  if (!validDate(c.at) || typeof c.id !== 'string' || !isUuid(c.id)) return 'invalid';
  if (c.p === 'popular' && (typeof c.s !== 'string' || !/^\d{1,12}(\.\d{1,12})?$/.test(c.s))) return 'invalid';
  return { phase: c.p, asOf: new Date(c.asOf as string), after: { at: new Date(c.at as string), id: c.id, ...(c.p === 'popular' ? { score: c.s as string } : {}) } };
}

export function writeFeedCursor(c: FeedCursor): string {
  return encodeCursor({ p: c.phase, asOf: c.asOf.toISOString(), ...(c.after ? { at: c.after.at.toISOString(), id: c.after.id, ...(c.after.score !== undefined ? { s: c.after.score } : {}) } : {}) });
}
