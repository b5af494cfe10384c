// Group buying (拼团): the words of the domain and the decisions that need no database.
import { openForShoppers, type MirroredStatus } from '../campaigns/index.ts';

/** The campaign kernel's status as this mechanic's rows mirror it (live is `active`). */
export type CampaignStatus = MirroredStatus;
export type TeamStatus = 'forming' | 'open' | 'completed' | 'failed' | 'cancelled';
export type MemberRole = 'leader' | 'member' | 'virtual';
/** reserved: seat held, order unpaid; paid; released: unpaid order cancelled; refunding/refunded: team failed. */
export type MemberStatus = 'reserved' | 'paid' | 'released' | 'refunding' | 'refunded';

export const DEFAULTS = { expiryHours: 24, seatTimeoutMinutes: 15, perUserLimit: 1, autoFillMinRealMembers: 2 } as const;

// ---- team state machine ----------------------------------------------------------------------
export type TeamAction = 'leader_paid' | 'leader_left' | 'filled' | 'expired';
const TEAM_TRANSITIONS: Record<TeamAction, Partial<Record<TeamStatus, TeamStatus>>> = {
  leader_paid: { forming: 'open' },
  leader_left: { forming: 'cancelled' },
  filled: { open: 'completed' },
  expired: { open: 'failed' },
};

export function teamTransition(from: TeamStatus, action: TeamAction): { ok: true; to: TeamStatus } | { ok: false; reason: 'GROUPBUY_INVALID_TRANSITION' } {
  const to = TEAM_TRANSITIONS[action][from];
  return to ? { ok: true, to } : { ok: false, reason: 'GROUPBUY_INVALID_TRANSITION' };
}

// ---- campaigns -------------------------------------------------------------------------------
interface CampaignWindow {
  status: CampaignStatus;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** New teams may open only while the campaign is active and inside its dates. */
export function campaignLive(c: CampaignWindow, now: Date): boolean {
  return openForShoppers(c, now);
}

export interface CampaignRules {
  groupPriceAmount: number;
  leaderDiscountAmount: number;
  teamSize: number;
  expiryHours: number;
  perUserLimit: number;
  stock: number;
  seatTimeoutMinutes: number;
  autoFill: { enabled: boolean; minRealMembers: number };
  startsAt: Date | null;
  endsAt: Date | null;
}

export type CampaignProblem =
  | 'GROUPBUY_PRICE_NOT_BELOW_LIST'
  | 'GROUPBUY_LEADER_DISCOUNT_TOO_LARGE'
  | 'GROUPBUY_TEAM_SIZE_INVALID'
  | 'GROUPBUY_DATES_INVALID'
  | 'GROUPBUY_AUTO_FILL_INVALID'
  | 'GROUPBUY_SEAT_TIMEOUT_TOO_LONG';

/** What is wrong with a campaign's numbers, given the SKU's list price; null when it is sound. */
export function campaignProblem(r: CampaignRules, listPriceAmount: number): CampaignProblem | null {
  if (!Number.isInteger(r.teamSize) || r.teamSize < 2 || r.teamSize > 10) return 'GROUPBUY_TEAM_SIZE_INVALID';
  if (r.groupPriceAmount <= 0 || r.groupPriceAmount >= listPriceAmount) return 'GROUPBUY_PRICE_NOT_BELOW_LIST';
  if (r.leaderDiscountAmount < 0 || r.leaderDiscountAmount >= r.groupPriceAmount) return 'GROUPBUY_LEADER_DISCOUNT_TOO_LARGE';
  if (r.startsAt && r.endsAt && r.endsAt <= r.startsAt) return 'GROUPBUY_DATES_INVALID';
  if (r.autoFill.enabled && (r.autoFill.minRealMembers < 1 || r.autoFill.minRealMembers >= r.teamSize)) return 'GROUPBUY_AUTO_FILL_INVALID';
  // A seat must be payable well within the team's life.
  if (r.seatTimeoutMinutes > r.expiryHours * 60) return 'GROUPBUY_SEAT_TIMEOUT_TOO_LONG';
  return null;
}

/** The unit price a member pays: the group price, less the leader discount for the leader. */
export function seatPrice(groupPriceAmount: number, leaderDiscountAmount: number, role: 'leader' | 'member'): number {
  if (role === 'member') return groupPriceAmount;
  return Math.max(1, groupPriceAmount - leaderDiscountAmount);
}

// ---- seats -----------------------------------------------------------------------------------
interface TeamView {
  status: TeamStatus;
  leaderId: string;
  size: number;
  seatsTaken: number;
  expiresAt: Date | null;
}

export const seatsLeft = (t: { size: number; seatsTaken: number }) => Math.max(0, t.size - t.seatsTaken);

export type JoinRefusal = 'GROUPBUY_OWN_TEAM' | 'GROUPBUY_TEAM_EXPIRED' | 'GROUPBUY_TEAM_FULL' | 'GROUPBUY_TEAM_NOT_OPEN';

/** Why a shopper may not take a seat in this team now; null when a seat may be tried for. */
export function joinRefusal(t: TeamView, userId: string, now: Date): JoinRefusal | null {
  if (t.leaderId === userId) return 'GROUPBUY_OWN_TEAM';
  if (t.status === 'failed' || (t.status === 'open' && t.expiresAt && t.expiresAt <= now)) return 'GROUPBUY_TEAM_EXPIRED';
  if (t.status === 'completed') return 'GROUPBUY_TEAM_FULL';
  if (t.status !== 'open') return 'GROUPBUY_TEAM_NOT_OPEN';
  if (seatsLeft(t) <= 0) return 'GROUPBUY_TEAM_FULL';
  return null;
}

/**
 * A payment landed for a seat. The leader's payment opens the team; a joiner's fills a seat and
 * completes the team when it is the last; a payment for a seat that is no longer valid (released,
 * or the team failed or ran out of time) is refunded at once.
 */
type PaidDecision = { kind: 'open_team' } | { kind: 'seat_paid'; completes: boolean } | { kind: 'refund'; why: string };

export function decidePaidSeat(t: TeamView & { paidCount: number }, member: { role: MemberRole; status: MemberStatus }, paidAt: Date): PaidDecision {
  if (member.status !== 'reserved') return { kind: 'refund', why: `seat is ${member.status}` };
  if (member.role === 'leader') {
    return t.status === 'forming' ? { kind: 'open_team' } : { kind: 'refund', why: `team is ${t.status}` };
  }
  if (t.status !== 'open') return { kind: 'refund', why: `team is ${t.status}` };
  if (t.expiresAt && paidAt >= t.expiresAt) return { kind: 'refund', why: 'paid after the team deadline' };
  if (t.paidCount >= t.size) return { kind: 'refund', why: 'team already has every member' };
  return { kind: 'seat_paid', completes: t.paidCount + 1 === t.size };
}

// ---- expiry ----------------------------------------------------------------------------------
type ExpiryDecision = { kind: 'complete'; virtualMembers: number } | { kind: 'fail' } | { kind: 'wait' };

/** At the deadline: a full team has completed already; otherwise auto-fill (if enabled and enough real members paid) or fail. */
export function decideExpiry(t: { status: TeamStatus; size: number; paidCount: number; expiresAt: Date | null }, autoFill: { enabled: boolean; minRealMembers: number }, now: Date): ExpiryDecision {
  if (t.status !== 'open') return { kind: 'wait' };
  if (t.expiresAt && t.expiresAt > now) return { kind: 'wait' };
  if (t.paidCount >= t.size) return { kind: 'complete', virtualMembers: 0 };
  if (autoFill.enabled && t.paidCount >= Math.max(1, autoFill.minRealMembers)) return { kind: 'complete', virtualMembers: t.size - t.paidCount };
  return { kind: 'fail' };
}

/**
 * A display name as strangers see it on the open-teams strip: the first character and one star
 * (王小明 → 王*, Alice → A*), so a friend recognises a leader without learning the name or its length.
 */
export function maskName(name: string): string {
  const first = Array.from(name.trim())[0];
  return first ? `${first}*` : '拼团用户';
}

/** Initial of a display name for an avatar placeholder. */
export const initialOf = (name: string) => Array.from(name.trim())[0]?.toUpperCase() ?? '?';

/** The notice shown on a team completed with virtual members (regulators treat undisclosed fake members as deception). */
export const virtualNotice = (n: number) => (n > 0 ? `本团有 ${n} 名系统补位成员（模拟成团），并非真实顾客。This team was completed with ${n} virtual member(s), not real shoppers.` : null);
