import { defineModule } from '../../platform/module.ts';
import { moderationErrors } from './moderation.errors.ts';
import { moderationEvents } from './moderation.events.ts';
import { moderationMigrations } from './moderation.migrations.ts';
import { moderationAdminRoutes } from './moderation.routes.ts';
import { createModerationService } from './moderation.service.ts';
import { moderationTables } from './moderation.table.ts';

export { createModerationService, type ModerationService } from './moderation.service.ts';
export { isNegative, type ContentKind, type ScreenInput, type ScreenResult, type ScreenReason, type Verdict } from './moderation.rules.ts';
export { sanitizePlain, sanitizeRich } from './moderation.text.ts';
export type { ModerationTables } from './moderation.table.ts';

export const moderationModule = defineModule({
  name: 'moderation',
  tables: moderationTables,
  migrations: moderationMigrations,
  events: moderationEvents,
  errors: moderationErrors,
  create: (platform) => createModerationService(platform),
  routes: (moderation) => ({ admin: moderationAdminRoutes(moderation) }),
  // The queue keeps the author's text until decided and after: erased with the author.
  personalData: () => ({ tables: { moderation_items: { columns: ['author_id'], erase: 'delete' } } }),
});
