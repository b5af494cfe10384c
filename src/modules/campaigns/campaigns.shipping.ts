// 包邮: a campaign may ship free, so that the price it advertises is what the friend pays (到手价).
// Checkout asks for every campaign order, so the flag is read through an in-process cache that a
// change drops in every process (platform/invalidation.ts).
import { recordAudit } from '../../platform/audit.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { money } from '../../platform/money.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import { MoneySchema, Type } from '../../platform/schema.ts';
import * as repo from './campaigns.repo.ts';
import { rulesLocked, SELLING_MECHANICS } from './campaigns.rules.ts';
import { campaignsTables, type CampaignsPlatform } from './campaigns.table.ts';

const SHIPPING_CHANGED = 'campaigns.shipping';

/** How campaign pages show an all-in price (到手价) in their responses: see deliveredPrice. */
export const DeliveredProps = {
  freeShipping: Type.Boolean({ description: '包邮: no shipping on this campaign, whatever the price' }),
  shipping: MoneySchema,
  deliveredPrice: Type.Intersect([MoneySchema], { description: '到手价: the campaign price plus the shipping checkout adds for a shopper with no benefit of their own' }),
};

/** What checkout charges for shipping on goods of an amount (checkout's shippingFor). */
export type ShippingFor = (goodsAmount: number, shipsFree?: boolean) => Promise<number>;

export function createCampaignShipping(p: CampaignsPlatform, shippingFor: ShippingFor) {
  const flags = new ReadCache<boolean>({ ttlMs: p.config.caches.maxAgeMs, max: 10_000 });
  flags.follow(p.invalidation, SHIPPING_CHANGED);

  /** Whether orders under this campaign ship free (false for an unknown campaign). */
  const shipsFree = (campaignId: string) => flags.getOrLoad(campaignId, async () => (await repo.findCampaign(p.db, campaignId))?.free_shipping ?? false);

  /**
   * Turn 包邮 on or off. Turning it on only lowers what shoppers pay, so it is allowed at any time;
   * turning it off raises an advertised 到手价, so a scheduled or live campaign keeps it.
   */
  async function setFreeShipping(actorId: string | null, id: string, freeShipping: boolean) {
    const row = await p.db.transaction().execute(async (handle) => {
      const trx = campaignsTables.of(handle);
      const before = await repo.lockCampaign(trx, id);
      if (!before) throw notFound('CAMPAIGN_NOT_FOUND', 'No such campaign', { id });
      if (!SELLING_MECHANICS.includes(before.mechanic)) throw unprocessable('CAMPAIGN_SHIPPING_UNSUPPORTED', 'Only campaigns that sell have shipping to waive', { id, mechanic: before.mechanic });
      if (before.free_shipping && !freeShipping && rulesLocked(before.status)) {
        throw conflict('CAMPAIGN_RULES_LOCKED', 'A scheduled or live campaign keeps the free shipping it advertised', { id, status: before.status, fields: ['freeShipping'] });
      }
      if (before.free_shipping === freeShipping) return before;
      const now = p.clock.now();
      const updated = await repo.updateCampaign(trx, id, { free_shipping: freeShipping, updated_at: now });
      await recordAudit(trx, now, { actorId, action: 'campaign.shipping_set', subjectType: `${before.mechanic}_campaign`, subjectId: id, details: { freeShipping } });
      return updated;
    });
    await p.invalidation.publish(SHIPPING_CHANGED, id);
    return row;
  }

  /**
   * The 到手价 of one unit at `unitAmount` under the campaign (none: a plain product), for a new shopper with one address:
   * the price plus the shipping checkout will add (none when the campaign ships free or the price
   * reaches the free-shipping threshold). Campaign pages, buttons and posters show this figure.
   */
  async function deliveredPrice(campaignId: string | null, unitAmount: number, currency: string) {
    const freeShipping = campaignId ? await shipsFree(campaignId) : false;
    const shipping = await shippingFor(unitAmount, freeShipping);
    return { freeShipping, shipping: money(shipping, currency), deliveredPrice: money(unitAmount + shipping, currency) };
  }

  return { shipsFree, setFreeShipping, deliveredPrice };
}
