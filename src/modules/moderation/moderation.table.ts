import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';
import type { ContentKind, ScreenReason, Verdict, WordAction } from './moderation.rules.ts';

/** The operators' sensitive-word list: matched in memory by Aho–Corasick, rebuilt when it changes. */
export interface ModerationWordsTable {
  id: string;
  word: string;
  action: WordAction;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** Content the rules held or refused: the moderation queue. Approved content is never written here. */
export interface ModerationItemsTable {
  id: string;
  kind: ContentKind;
  subject_id: string;
  author_id: string;
  text: string;
  title: string | null;
  product_ids: Json<string[]>;
  verdict: Exclude<Verdict, 'approved'>;
  reasons: Json<ScreenReason[]>;
  sentiment: number;
  /** `pending` until an operator decides; then the decision. */
  status: 'pending' | 'approved' | 'refused';
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

/** Per product, UTC day and kind: how much content was screened and how much of it was negative (spike alerts). */
export interface ModerationSentimentDailyTable {
  product_id: string;
  day: string;
  kind: ContentKind;
  total: number;
  negative: number;
}

export interface ModerationTables {
  moderation_words: ModerationWordsTable;
  moderation_items: ModerationItemsTable;
  moderation_sentiment_daily: ModerationSentimentDailyTable;
}

export const moderationTables = ownTables<ModerationTables>({ moderation_words: true, moderation_items: true, moderation_sentiment_daily: true });
export type ModerationDb = Executor<ModerationTables>;
export type ModerationPlatform = ModulePlatform<ModerationTables>;

declare module '../../platform/db.ts' {
  interface Database extends ModerationTables {}
}
