import { recordAudit } from './audit.ts';
import { requireRole, requireUser } from './auth.ts';
import type { Platform } from './context.ts';
import type { App } from './http.ts';
import { Body, Type } from './schema.ts';
import { SETTING_GROUPS, SETTING_UNITS } from './settings.meta.ts';

const Words = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });
const SettingEntry = Type.Object({
  value: Type.Any(),
  default: Type.Any(),
  description: Type.String(),
  group: Type.Enum(SETTING_GROUPS, { description: 'the settings page it sits on' }),
  unit: Type.Enum(SETTING_UNITS, { description: 'how the stored value reads: fen (shown in yuan), bp (basis points, shown as %: 1000 = 10%), percent, seconds…years, count, points, perMinute, boolean, enum, text' }),
  min: Type.Optional(Type.Number({ description: 'smallest allowed value in the stored unit (for text: shortest length)' })),
  max: Type.Optional(Type.Number({ description: 'largest allowed value in the stored unit (for text: longest length)' })),
  options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Words }), { description: 'for enum settings: the allowed values with their names' })),
  label: Words,
  help: Words,
});

export function settingsAdminRoutes(p: Platform) {
  return async function (app: App) {
    app.get('/settings', {
      schema: { tags: ['admin'], summary: 'Every setting with its value, default and meaning, and what a form needs: group, unit, allowed range or choices, label and help in zh-CN and en', response: { 200: Type.Record(Type.String(), SettingEntry) } },
    }, async () => p.settings.all());

    app.put('/settings/:key', {
      preHandler: requireRole('admin'),
      schema: { tags: ['admin'], summary: 'Change a setting (admin only); a value the setting does not allow is refused with SETTINGS_INVALID_VALUE, its details carrying the unit and the allowed min/max (or options)', params: Type.Object({ key: Type.String({ maxLength: 100 }) }), body: Body({ value: Type.Any() }), response: { 200: Type.Object({ key: Type.String(), value: Type.Any() }) } },
    }, async (req) => {
      const now = p.clock.now();
      await p.settings.set(req.params.key, req.body.value, now);
      await recordAudit(p.db, now, { actorId: requireUser(req).id, action: 'settings.changed', subjectType: 'setting', subjectId: req.params.key, details: { value: req.body.value } });
      return { key: req.params.key, value: req.body.value };
    });
  };
}
