// How group-buy rows are shown: the operator's campaign, the shopper's campaign card, the team
// page and the shopper's own teams. Plain functions of rows (and `now` where time matters).
import { money } from '../../platform/money.ts';
import type { CampaignRow, findTeamsOfUser, MemberRow, TeamRow } from './groupbuy.repo.ts';
import { initialOf, maskName, seatPrice, seatsLeft, virtualNotice } from './groupbuy.rules.ts';

/** What the campaign views need to know about the SKU (from the catalog's pricing facts). */
interface SkuFacts {
  productTitle: string;
  productTitleEn: string | null;
  skuLabel: string;
  skuLabelEn: string | null;
  image: string | null;
  priceAmount: number;
}

export function presentCampaign(c: CampaignRow) {
  return {
    id: c.id,
    name: c.name,
    nameEn: c.name_en,
    description: c.description,
    skuId: c.sku_id,
    productId: c.product_id,
    groupPrice: money(c.group_price_amount, c.currency),
    leaderDiscount: money(c.leader_discount_amount, c.currency),
    leaderPrice: money(seatPrice(c.group_price_amount, c.leader_discount_amount, 'leader'), c.currency),
    teamSize: c.team_size,
    expiryHours: c.expiry_hours,
    perUserLimit: c.per_user_limit,
    newCustomersOnly: c.new_customers_only,
    stock: c.stock_total,
    stockLeft: c.stock_left,
    seatTimeoutMinutes: c.seat_timeout_minutes,
    autoFill: { enabled: c.auto_fill_enabled, minRealMembers: c.auto_fill_min_real },
    status: c.status,
    startsAt: c.starts_at?.toISOString() ?? null,
    endsAt: c.ends_at?.toISOString() ?? null,
    createdAt: c.created_at.toISOString(),
  };
}

export function presentShopperCampaign(c: CampaignRow, sku: SkuFacts | undefined) {
  return {
    id: c.id,
    name: c.name,
    nameEn: c.name_en,
    description: c.description,
    productId: c.product_id,
    skuId: c.sku_id,
    title: sku?.productTitle ?? c.name,
    titleEn: sku ? sku.productTitleEn : c.name_en,
    skuLabel: sku?.skuLabel ?? '',
    skuLabelEn: sku?.skuLabelEn ?? null,
    image: sku?.image ?? null,
    listPrice: sku ? money(sku.priceAmount, c.currency) : null,
    groupPrice: money(c.group_price_amount, c.currency),
    leaderPrice: money(seatPrice(c.group_price_amount, c.leader_discount_amount, 'leader'), c.currency),
    teamSize: c.team_size,
    expiryHours: c.expiry_hours,
    perUserLimit: c.per_user_limit,
    newCustomersOnly: c.new_customers_only,
    soldOut: c.stock_left <= 0,
    startsAt: c.starts_at?.toISOString() ?? null,
    endsAt: c.ends_at?.toISOString() ?? null,
  };
}

/** The social proof of a campaign card: joinable teams, shoppers in open teams, units sold. */
export type CampaignFacts = { openTeams: number; joined: number; sold: number };
export const presentFacts = (f: CampaignFacts | undefined) => ({ openTeamCount: f?.openTeams ?? 0, joinedCount: f?.joined ?? 0, soldCount: f?.sold ?? 0 });

/** An open team on the campaign page, led by `leaderName`, shown masked (张*) to strangers. */
export function presentOpenTeam(t: TeamRow, leaderName: string) {
  const masked = maskName(leaderName);
  return { id: t.id, leaderName: masked, leaderInitial: initialOf(masked), size: t.size, seatsLeft: seatsLeft({ size: t.size, seatsTaken: t.seats_taken }), expiresAt: t.expires_at!.toISOString(), url: `/groupbuy/teams/${t.id}` };
}

/** The team page: members by display name only, leader first, virtual members last and disclosed. */
export function presentTeamPage(
  team: TeamRow,
  c: CampaignRow,
  sku: SkuFacts | undefined,
  members: MemberRow[],
  names: Map<string, string>,
  viewerId: string | null,
  now: Date,
) {
  const ordered = [...members.filter((m) => m.role === 'leader'), ...members.filter((m) => m.role === 'member'), ...members.filter((m) => m.role === 'virtual')];
  return {
    id: team.id,
    campaignId: c.id,
    status: team.status,
    product: { productId: c.product_id, skuId: c.sku_id, title: sku?.productTitle ?? c.name, titleEn: sku ? sku.productTitleEn : c.name_en, skuLabel: sku?.skuLabel ?? '', skuLabelEn: sku?.skuLabelEn ?? null, image: sku?.image ?? null, listPrice: sku ? money(sku.priceAmount, c.currency) : null },
    groupPrice: money(c.group_price_amount, c.currency),
    size: team.size,
    seatsLeft: team.status === 'open' ? seatsLeft({ size: team.size, seatsTaken: team.seats_taken }) : 0,
    paidMembers: team.paid_count,
    expiresAt: team.expires_at?.toISOString() ?? null,
    expired: team.status === 'open' && !!team.expires_at && team.expires_at <= now,
    members: ordered.map((m) => {
      const name = m.role === 'virtual' ? '系统补位' : (names.get(m.user_id!) ?? '拼团用户');
      return { role: m.role, name, initial: initialOf(name), paid: m.status === 'paid', virtual: m.role === 'virtual', you: !!viewerId && m.user_id === viewerId, joinedAt: m.joined_at.toISOString() };
    }),
    virtualMembers: team.virtual_count,
    notice: virtualNotice(team.virtual_count),
    shareUrl: `/groupbuy/teams/${team.id}`,
    isLeader: !!viewerId && viewerId === team.leader_id,
    // Only the viewer's own order (查看订单 on a completed team); never another member's.
    myOrderId: (viewerId && members.find((m) => m.user_id === viewerId)?.order_id) || null,
  };
}

type MyTeamRow = Awaited<ReturnType<typeof findTeamsOfUser>>[number];

export function presentMyTeam(r: MyTeamRow) {
  return {
    teamId: r.team_id,
    campaignId: r.campaign_id,
    campaignName: r.name,
    campaignNameEn: r.name_en,
    status: r.team_status,
    role: r.role,
    seatStatus: r.seat_status,
    orderId: r.order_id,
    groupPrice: money(r.group_price_amount, r.currency),
    size: r.size,
    seatsLeft: r.team_status === 'open' ? seatsLeft({ size: r.size, seatsTaken: r.seats_taken }) : 0,
    expiresAt: r.expires_at?.toISOString() ?? null,
    joinedAt: r.joined_at.toISOString(),
    shareUrl: `/groupbuy/teams/${r.team_id}`,
  };
}

/** The share card of a team link: product, team size and group price. */
export function presentTeamTarget(team: TeamRow, c: CampaignRow, sku: SkuFacts | undefined) {
  return { url: `/groupbuy/teams/${team.id}`, title: `${sku?.productTitle ?? c.name} · ${team.size}人团 ¥${(c.group_price_amount / 100).toFixed(2)}`, image: sku?.image ?? null, price: money(c.group_price_amount, c.currency), campaignId: c.id, reference: sku ? { skuId: c.sku_id, amount: sku.priceAmount } : null };
}
