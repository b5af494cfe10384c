// What operators see of shares and cascades: each sharer by name with a masked phone, each target
// by its title and thumbnail (a product from the catalog whatever its status, anything else from
// the module that registered the target type), and each campaign by its name. Names come from
// identity, catalog and campaigns through their services, never from their tables.
import { isUuid } from '../../platform/ids.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { countCascadeClicks } from './sharing.admin.repo.ts';
import type { SharingService } from './sharing.service.ts';
import type { SharingPlatform } from './sharing.table.ts';

export interface SharingAdminDeps {
  peopleOf(executor: AnyExecutor, userIds: readonly string[]): Promise<Map<string, { displayName: string; phone: string | null }>>;
  productCards(ids: readonly string[]): Promise<Map<string, { title: string; titleEn: string | null; image: string | null }>>;
  campaignsById(executor: AnyExecutor, ids: readonly string[]): Promise<Map<string, { name: string; mechanic: string }>>;
}

type Reports = Pick<SharingService, 'listRoots' | 'getCascade' | 'describeTarget'>;

export interface TargetCard {
  type: string;
  id: string;
  /** The product's (or campaign's, note's...) title; null when it no longer exists. */
  title: string | null;
  titleEn: string | null;
  image: string | null;
}

export function createSharingAdmin(p: SharingPlatform, sharing: Reports, deps: SharingAdminDeps) {
  const { db } = p;

  async function peopleCards(ids: string[]) {
    const found = await deps.peopleOf(db, ids);
    return (id: string) => ({ id, name: found.get(id)?.displayName ?? '', phone: found.get(id)?.phone ?? null });
  }

  async function campaignCards(ids: (string | null)[]) {
    // A share's campaign id is the client's word (any short text); only a UUID can name a campaign.
    const wanted = [...new Set(ids.filter((id): id is string => !!id && isUuid(id)))];
    const found = wanted.length ? await deps.campaignsById(db, wanted) : new Map();
    return (id: string | null) => (id ? { id, name: found.get(id)?.name ?? null, mechanic: found.get(id)?.mechanic ?? null } : null);
  }

  /** Title and image of every distinct target: products in one catalog call, the rest by their resolvers. */
  async function targetCards(targets: { type: string; id: string }[]) {
    const key = (t: { type: string; id: string }) => `${t.type}:${t.id}`;
    const products = await deps.productCards(targets.filter((t) => t.type === 'product').map((t) => t.id));
    const campaigns = await campaignCards(targets.filter((t) => t.type === 'campaign').map((t) => t.id));
    const cards = new Map<string, TargetCard>();
    for (const t of targets) {
      if (cards.has(key(t))) continue;
      if (t.type === 'product') {
        const c = products.get(t.id);
        cards.set(key(t), { type: t.type, id: t.id, title: c?.title ?? null, titleEn: c?.titleEn ?? null, image: c?.image ?? null });
      } else if (t.type === 'campaign') {
        cards.set(key(t), { type: t.type, id: t.id, title: campaigns(t.id)?.name ?? null, titleEn: null, image: null });
      } else {
        const r = await sharing.describeTarget(db, t.type, t.id);
        cards.set(key(t), { type: t.type, id: t.id, title: r?.title ?? null, titleEn: null, image: r?.image ?? null });
      }
    }
    return (t: { type: string; id: string }) => cards.get(key(t))!;
  }

  /** Cascade origins with sharer, target and campaign named, and the cascade's clicks. */
  async function listRootsForOperators(query: { campaignId?: string; cursor?: string; limit: number }) {
    const page = await sharing.listRoots(query);
    const [person, target, campaign, clicks] = await Promise.all([
      peopleCards(page.items.map((s) => s.sharerId)),
      targetCards(page.items.map((s) => s.target)),
      campaignCards(page.items.map((s) => s.campaignId)),
      countCascadeClicks(db, page.items.map((s) => s.id)),
    ]);
    return {
      items: page.items.map((s) => ({ ...s, sharer: person(s.sharerId), targetCard: target(s.target), campaign: campaign(s.campaignId), clicks: clicks.get(s.id) ?? 0 })),
      nextCursor: page.nextCursor,
    };
  }

  /** One cascade, its root's target and campaign named, and every node's sharer with a masked phone. */
  async function getCascadeForOperators(shareId: string) {
    const c = await sharing.getCascade(shareId);
    const [person, target, campaign] = await Promise.all([peopleCards(c.nodes.map((n) => n.sharerId)), targetCards([c.root.target]), campaignCards([c.root.campaignId])]);
    return {
      ...c,
      targetCard: target(c.root.target),
      campaign: campaign(c.root.campaignId),
      nodes: c.nodes.map((n) => ({ ...n, sharer: person(n.sharerId) })),
    };
  }

  return { listRootsForOperators, getCascadeForOperators };
}

export type SharingAdmin = ReturnType<typeof createSharingAdmin>;
