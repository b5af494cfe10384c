// Product cards for other modules' operator lists (shares, cascades, promoters' orders): title,
// English title and cover image of any product, whatever its status, by id in one query. An
// archived product still has a name in last month's share report.
import { isUuid } from '../../platform/ids.ts';
import type { CatalogPlatform } from './catalog.table.ts';

export interface ProductCard {
  id: string;
  title: string;
  titleEn: string | null;
  /** The cover image URL (first image), or null when the product has none. */
  image: string | null;
  status: string;
}

const CHUNK = 1000;

export function createProductSummaries(p: CatalogPlatform) {
  const { db } = p;

  /** Cards of the products that exist among `ids`; unknown or malformed ids are left out of the map. */
  async function productCards(ids: readonly string[]): Promise<Map<string, ProductCard>> {
    const unique = [...new Set(ids)].filter(isUuid);
    const out = new Map<string, ProductCard>();
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await db.selectFrom('products').select(['id', 'title', 'title_en', 'images', 'status']).where('id', 'in', unique.slice(i, i + CHUNK)).execute();
      for (const r of rows) out.set(r.id, { id: r.id, title: r.title, titleEn: r.title_en, image: (r.images as string[])[0] ?? null, status: r.status });
    }
    return out;
  }

  return { productCards };
}

export type ProductSummaries = ReturnType<typeof createProductSummaries>;
