import type { MirroredStatus } from '../campaigns/index.ts';
import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { PrizeKind, SnapshotPrize } from './lottery.rules.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export interface LotteryDrawsTable {
  id: string;
  name: string;
  /** Optional English name for the storefront's English mode. */
  name_en: string | null;
  rules_text: string;
  /** The campaign kernel's status, mirrored (live is `active`). */
  status: MirroredStatus;
  starts_at: Timestamp;
  ends_at: Timestamp;
  daily_free_chances: number;
  share_chances: number;
  share_daily_cap: number;
  invite_chances: number;
  invite_daily_cap: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LotteryPrizesTable {
  id: string;
  draw_id: string;
  position: number;
  name: string;
  kind: PrizeKind;
  template_id: string | null;
  points: number | null;
  sku_id: string | null;
  weight: number;
  /** null = unlimited. */
  stock_total: number | null;
  /** Taken by a conditional update; never below zero (check constraint). */
  stock_left: number | null;
  value_amount: number;
  currency: string;
}

/** Free chances used per user per China day (conditional upsert against the daily allowance). */
export interface LotteryDailyUsageTable {
  draw_id: string;
  user_id: string;
  day: string;
  used: number;
}

/** Extra chances left per user (conditional decrement). */
export interface LotteryChancesTable {
  draw_id: string;
  user_id: string;
  balance: number;
  updated_at: Timestamp;
}

/** Every extra chance granted, once per ref (share click, invite, operator). */
export interface LotteryChanceGrantsTable {
  id: Generated<number>;
  draw_id: string;
  user_id: string;
  source: 'share' | 'invite' | 'operator';
  ref: string;
  day: string;
  amount: number;
  created_at: Timestamp;
}

/**
 * Extra chances granted per user, source and China day against the draw's daily cap. `granted`
 * only moves by a conditional upsert that never passes the cap; `last_taken` is what the latest
 * upsert added (computed from the old row in the same statement, so the caller learns its share).
 */
export interface LotteryChanceCapsTable {
  draw_id: string;
  user_id: string;
  source: 'share' | 'invite';
  day: string;
  granted: number;
  last_taken: number;
}

export interface LotteryEntriesTable {
  id: string;
  draw_id: string;
  user_id: string;
  day: string;
  chance: 'free' | 'extra';
  /** The server-side random value the prize was picked with. */
  random_value: number;
  /** The prize table the pick used (prizes with stock left, in order, with weights). */
  snapshot: Json<SnapshotPrize[]>;
  /** What r picked from the snapshot. */
  picked_prize_id: string | null;
  /** What was won: the picked prize, or null when its stock ran out in the meantime (fell back to nothing). */
  prize_id: string | null;
  prize_kind: PrizeKind;
  prize_name: string;
  fell_back: boolean;
  status: 'granted' | 'to_fulfil' | 'fulfilled' | 'nothing';
  idempotency_key: string | null;
  created_at: Timestamp;
  fulfilled_at: Date | null;
}

export interface LotteryTables {
  lottery_draws: LotteryDrawsTable;
  lottery_prizes: LotteryPrizesTable;
  lottery_daily_usage: LotteryDailyUsageTable;
  lottery_chances: LotteryChancesTable;
  lottery_chance_grants: LotteryChanceGrantsTable;
  lottery_chance_caps: LotteryChanceCapsTable;
  lottery_entries: LotteryEntriesTable;
}

/** The tables lottery owns: the only ones its code can query (platform/tables.ts). */
export const lotteryTables = ownTables<LotteryTables>({ lottery_draws: true, lottery_prizes: true, lottery_daily_usage: true, lottery_chances: true, lottery_chance_grants: true, lottery_chance_caps: true, lottery_entries: true });
/** A handle on lottery's own tables: its pool or a transaction on it. */
export type LotteryDb = Executor<LotteryTables>;
/** The platform as lottery sees it: its pool queries lottery's tables only. */
export type LotteryPlatform = ModulePlatform<LotteryTables>;

declare module '../../platform/db.ts' {
  interface Database extends LotteryTables {}
}
