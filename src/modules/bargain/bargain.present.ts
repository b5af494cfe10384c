// The price-cut module's answers: a campaign as operators and shoppers see it, and a price-cut's
// progress.
import { money } from '../../platform/money.ts';
import type { CampaignRow, CutRow } from './bargain.repo.ts';
import { progressPercent } from './bargain.rules.ts';

export function presentCampaign(c: CampaignRow) {
  return {
    id: c.id,
    name: c.name,
    nameEn: c.name_en,
    skuId: c.sku_id,
    productId: c.product_id,
    title: c.title,
    titleEn: c.title_en,
    image: c.image,
    originalPrice: money(c.original_amount, c.currency),
    floorPrice: money(c.floor_amount, c.currency),
    helpersNeeded: c.helpers_needed,
    expiryHours: c.expiry_hours,
    stockTotal: c.stock_total,
    stockLeft: c.stock_left,
    helperDailyLimit: c.helper_daily_limit,
    buyMode: c.buy_mode,
    payWithinMinutes: c.pay_within_minutes,
    status: c.status,
    startsAt: c.starts_at?.toISOString() ?? null,
    endsAt: c.ends_at?.toISOString() ?? null,
    createdAt: c.created_at.toISOString(),
  };
}

export function presentCutSummary(cut: CutRow) {
  return {
    id: cut.id,
    campaignId: cut.campaign_id,
    status: cut.status,
    originalPrice: money(cut.original_amount, cut.currency),
    currentPrice: money(cut.current_amount, cut.currency),
    floorPrice: money(cut.floor_amount, cut.currency),
    helpersNeeded: cut.helpers_needed,
    helps: cut.helps,
    progressPercent: progressPercent(cut.original_amount, cut.current_amount, cut.floor_amount),
    expiresAt: cut.expires_at.toISOString(),
    shareHint: `还差 ${cut.helpers_needed - cut.helps} 位好友帮忙，就能以 ¥${(cut.floor_amount / 100).toFixed(2)} 带走！`,
  };
}
