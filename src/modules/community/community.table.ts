import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { CommentStatus, KolStatus, NoteStatus } from './community.rules.ts';

/** A note (种草) or a 晒单 (a note from an order, `order_id` set): moderated text, images, tagged products. */
export interface CommunityNotesTable {
  id: string;
  author_id: string;
  title: string;
  /** As moderation sanitised it. */
  body: string;
  /** /media/{id} paths, the first is the cover. */
  images: Json<string[]>;
  product_ids: Json<string[]>;
  topics: Json<string[]>;
  order_id: string | null;
  status: NoteStatus;
  /** Counters kept in the same transaction as the row they count (published comments only). */
  likes_count: number;
  favourites_count: number;
  comments_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityNoteReactionsTable {
  note_id: string;
  user_id: string;
  created_at: Timestamp;
}

/** One level of comments: a reply's `parent_id` is the top-level comment it answers. */
export interface CommunityCommentsTable {
  id: string;
  note_id: string;
  author_id: string;
  parent_id: string | null;
  /** Whom a reply answers (the parent's author, or a reply's author within the thread). */
  reply_to_user_id: string | null;
  body: string;
  status: CommentStatus;
  created_at: Timestamp;
}

/** A note's topics, one row each, for the topic pages. */
export interface CommunityNoteTopicsTable {
  note_id: string;
  topic: string;
  created_at: Timestamp;
}

export interface CommunityFollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: Timestamp;
}

export interface CommunityKolsTable {
  user_id: string;
  status: KolStatus;
  intro: string | null;
  applied_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  updated_at: Timestamp;
}

export interface CommunityTables {
  community_notes: CommunityNotesTable;
  community_note_likes: CommunityNoteReactionsTable;
  community_note_favourites: CommunityNoteReactionsTable;
  community_comments: CommunityCommentsTable;
  community_note_topics: CommunityNoteTopicsTable;
  community_follows: CommunityFollowsTable;
  community_kols: CommunityKolsTable;
}

/** The tables community owns: the only ones its code can query (platform/tables.ts). */
export const communityTables = ownTables<CommunityTables>({
  community_notes: true,
  community_note_likes: true,
  community_note_favourites: true,
  community_comments: true,
  community_note_topics: true,
  community_follows: true,
  community_kols: true,
});
export type CommunityDb = Executor<CommunityTables>;
export type CommunityPlatform = ModulePlatform<CommunityTables>;

declare module '../../platform/db.ts' {
  interface Database extends CommunityTables {}
}
