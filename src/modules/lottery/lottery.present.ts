// The lottery's answers: a draw with its prize odds, and one draw result.
import { money } from '../../platform/money.ts';
import type { DrawRow, EntryRow, PrizeRow } from './lottery.repo.ts';
import { oddsOf } from './lottery.rules.ts';

export function presentDraw(d: DrawRow, prizes: PrizeRow[]) {
  return {
    id: d.id,
    name: d.name,
    nameEn: d.name_en,
    rulesText: d.rules_text,
    status: d.status,
    startsAt: d.starts_at.toISOString(),
    endsAt: d.ends_at.toISOString(),
    dailyFreeChances: d.daily_free_chances,
    shareChances: d.share_chances,
    shareDailyCap: d.share_daily_cap,
    inviteChances: d.invite_chances,
    inviteDailyCap: d.invite_daily_cap,
    prizes: oddsOf(prizes).map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      templateId: p.template_id,
      points: p.points,
      skuId: p.sku_id,
      weight: p.weight,
      probability: p.probability,
      stockTotal: p.stock_total,
      stockLeft: p.stock_left,
      value: money(p.value_amount, p.currency),
    })),
  };
}

export function presentEntry(e: EntryRow) {
  return { id: e.id, drawId: e.draw_id, userId: e.user_id, chance: e.chance, prize: { id: e.prize_id, kind: e.prize_kind, name: e.prize_name }, status: e.status, fellBack: e.fell_back, randomValue: e.random_value, createdAt: e.created_at.toISOString() };
}
