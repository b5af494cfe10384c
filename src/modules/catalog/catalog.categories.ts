// The category tree: read it (the storefront, coupon scopes at checkout) and edit it. A category
// never ends up under itself, nor deeper than LIMITS.categoryDepthMax.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { categoryNotFound, mapConflicts } from './catalog.errors.ts';
import { checkCategoryInput, type CategoryInput } from './catalog.inputs.ts';
import { publicCategory } from './catalog.present.ts';
import * as repo from './catalog.repo.ts';
import { buildCategoryTree, categoryDepth, LIMITS } from './catalog.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { catalogTables, type CatalogDb, type CatalogPlatform } from './catalog.table.ts';

export function createCategories(p: CatalogPlatform) {
  const { db, clock } = p;

  /** Every category; pass the caller's `trx` inside a transaction (coupon scopes at checkout). */
  async function listCategories(executor: AnyExecutor = db) {
    return (await repo.findCategories(catalogTables.of(executor))).map(publicCategory);
  }

  async function getCategoryTree() {
    return buildCategoryTree(await listCategories());
  }

  /** With `id` moved under `parentId`: the parent exists, and the tree has no cycle and is not too deep. */
  async function checkCategoryShape(trx: CatalogDb, id: string, parentId: string | null) {
    if (parentId === null) return;
    const all = await repo.findCategories(trx);
    const parentOf = new Map<string, string | null>(all.map((c) => [c.id, c.parent_id]));
    if (!parentOf.has(parentId)) throw categoryNotFound(parentId);
    parentOf.set(id, parentId);
    for (const c of parentOf.keys()) {
      const depth = categoryDepth(c, (x) => parentOf.get(x));
      if (depth === Infinity) throw unprocessable('CATALOG_CATEGORY_CYCLE', 'A category cannot sit under itself or its own subcategory', { categoryId: id, parentId });
      if (depth > LIMITS.categoryDepthMax) throw unprocessable('CATALOG_CATEGORY_TOO_DEEP', `Categories nest at most ${LIMITS.categoryDepthMax} levels deep`, { categoryId: id, parentId });
    }
  }

  async function createCategory(actorId: string | null, input: CategoryInput) {
    checkCategoryInput(input);
    const now = clock.now();
    const id = newId();
    return mapConflicts(() =>
      db.transaction().execute(async (trx) => {
        await checkCategoryShape(trx, id, input.parentId ?? null);
        const row = await repo.insertCategory(trx, { id, parent_id: input.parentId ?? null, name: input.name.trim(), name_en: input.nameEn.trim(), slug: input.slug, sort: input.sort ?? 0, created_at: now });
        await recordAudit(trx, now, { actorId, action: 'category.created', subjectType: 'category', subjectId: id, details: { name: row.name, slug: row.slug, parentId: row.parent_id } });
        await publishEvent(trx, now, 'category.created', id, { categoryId: id, parentId: row.parent_id });
        return publicCategory(row);
      }),
    );
  }

  async function updateCategory(actorId: string | null, id: string, patch: Partial<CategoryInput>) {
    checkCategoryInput(patch);
    const now = clock.now();
    return mapConflicts(() =>
      db.transaction().execute(async (trx) => {
        const current = await repo.findCategory(trx, id);
        if (!current) throw categoryNotFound(id);
        if (patch.parentId !== undefined) await checkCategoryShape(trx, id, patch.parentId);
        const row = await repo.updateCategory(trx, id, {
          ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
          ...(patch.nameEn !== undefined ? { name_en: patch.nameEn.trim() } : {}),
          ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
          ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
          ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
        });
        await recordAudit(trx, now, { actorId, action: 'category.updated', subjectType: 'category', subjectId: id, details: { changes: Object.keys(patch) } });
        await publishEvent(trx, now, 'category.updated', id, { categoryId: id, changes: Object.keys(patch) });
        return publicCategory(row!);
      }),
    );
  }

  async function deleteCategory(actorId: string | null, id: string) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const current = await repo.findCategory(trx, id);
      if (!current) throw categoryNotFound(id);
      const use = await repo.countCategoryUse(trx, id);
      if (use.children > 0 || use.products > 0) {
        throw conflict('CATALOG_CATEGORY_IN_USE', 'Move its subcategories and products elsewhere first', { categoryId: id, ...use });
      }
      await repo.deleteCategory(trx, id);
      await recordAudit(trx, now, { actorId, action: 'category.deleted', subjectType: 'category', subjectId: id, details: { name: current.name, slug: current.slug } });
      await publishEvent(trx, now, 'category.deleted', id, { categoryId: id });
    });
  }

  return { listCategories, getCategoryTree, createCategory, updateCategory, deleteCategory };
}
