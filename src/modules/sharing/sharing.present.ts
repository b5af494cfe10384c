// Sharing's answers: a share link and an attribution row.
import type { AttributionRow, ShareRow } from './sharing.repo.ts';

export function presentShare(s: ShareRow) {
  return {
    id: s.id,
    token: s.token,
    url: `/s/${s.token}`,
    posterUrl: `/api/v1/shares/${s.token}/poster.png`,
    parentShareId: s.parent_share_id,
    rootShareId: s.root_share_id,
    depth: s.depth,
    target: { type: s.target_type, id: s.target_id },
    channel: s.channel,
    campaignId: s.campaign_id,
    createdAt: s.created_at.toISOString(),
  };
}

export function presentAttribution(a: AttributionRow) {
  return {
    subjectType: a.subject_type,
    subjectId: a.subject_id,
    model: a.model,
    userId: a.user_id,
    shareId: a.share_id,
    rootShareId: a.root_share_id,
    sharerId: a.sharer_id,
    campaignId: a.campaign_id,
    targetType: a.target_type,
    targetId: a.target_id,
    clickId: a.click_id,
    channel: a.channel,
    orderAmount: a.order_amount,
    paid: a.paid,
    paidAmount: a.paid_amount,
    attributedAt: a.attributed_at.toISOString(),
  };
}
