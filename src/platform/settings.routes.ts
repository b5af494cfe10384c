import { recordAudit } from './audit.ts';
import { requireRole, requireUser } from './auth.ts';
import type { Platform } from './context.ts';
import type { App } from './http.ts';
import { Body, Type } from './schema.ts';

export function settingsAdminRoutes(p: Platform) {
  return async function (app: App) {
    app.get('/settings', {
      schema: { tags: ['admin'], summary: 'Every setting with its value, default and meaning', response: { 200: Type.Record(Type.String(), Type.Object({ value: Type.Any(), default: Type.Any(), description: Type.String() })) } },
    }, async () => p.settings.all());

    app.put('/settings/:key', {
      preHandler: requireRole('admin'),
      schema: { tags: ['admin'], summary: 'Change a setting (admin only)', params: Type.Object({ key: Type.String({ maxLength: 100 }) }), body: Body({ value: Type.Any() }), response: { 200: Type.Object({ key: Type.String(), value: Type.Any() }) } },
    }, async (req) => {
      const now = p.clock.now();
      await p.settings.set(req.params.key, req.body.value, now);
      await recordAudit(p.db, now, { actorId: requireUser(req).id, action: 'settings.changed', subjectType: 'setting', subjectId: req.params.key, details: { value: req.body.value } });
      return { key: req.params.key, value: req.body.value };
    });
  };
}
