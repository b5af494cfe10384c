// Product images stored in the database and served at /media/:id. Bytes are checked (type, size,
// and SVG content) before anything is written.
import { recordAudit } from '../../platform/audit.ts';
import { DomainError, invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { fail } from './catalog.errors.ts';
import * as repo from './catalog.repo.ts';
import { decodeBase64, mediaProblem } from './catalog.rules.ts';
import type { CatalogPlatform } from './catalog.table.ts';

export function createMedia(p: CatalogPlatform) {
  const { db, clock } = p;

  /** Stores already-decoded images after checking their bytes; returns ids and URLs in order. */
  async function storeMedia(actorId: string | null, items: { contentType: string; bytes: Uint8Array }[]) {
    for (const item of items) {
      const problem = mediaProblem(item.contentType, item.bytes);
      if (problem) throw fail(problem, {}, 'validation');
    }
    const now = clock.now();
    const rows = items.map((i) => ({ id: newId(), content_type: i.contentType, bytes: i.bytes, size: i.bytes.length, created_at: now }));
    await db.transaction().execute(async (trx) => {
      await repo.insertMedia(trx, rows);
      if (actorId) for (const r of rows) await recordAudit(trx, now, { actorId, action: 'media.uploaded', subjectType: 'media', subjectId: r.id, details: { contentType: r.content_type, size: r.size } });
    });
    return rows.map((r) => ({ id: r.id, url: `/media/${r.id}` }));
  }

  /** An operator upload: base64 in a JSON body. */
  async function uploadMedia(actorId: string, contentType: string, dataBase64: string) {
    const bytes = decodeBase64(dataBase64);
    if (!bytes) throw invalid('CATALOG_MEDIA_INVALID', 'dataBase64 is not valid base64', { field: 'dataBase64' });
    const problem = mediaProblem(contentType, bytes);
    if (problem) throw new DomainError(problem.code === 'CATALOG_MEDIA_TOO_LARGE' ? 'too_large' : 'validation', problem.code, problem.message, { field: problem.field });
    const [stored] = await storeMedia(actorId, [{ contentType, bytes }]);
    return stored;
  }

  async function getMedia(id: string) {
    const row = isUuid(id) ? await repo.findMedia(db, id) : undefined;
    if (!row) throw notFound('CATALOG_MEDIA_NOT_FOUND', 'No such image', { id });
    return { id: row.id, contentType: row.content_type, bytes: Buffer.from(row.bytes), createdAt: row.created_at };
  }

  return { storeMedia, uploadMedia, getMedia };
}
