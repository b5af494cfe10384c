export { createSharingService, presentShare, presentAttribution, type SharingService, type SharingDeps, type SharingIdentity, type CreateShareInput, type LoadedImage } from './sharing.service.ts';
export { sharingRoutes, sharingAdminRoutes, shareLinkRoutes } from './sharing.routes.ts';
export { sharingMigrations } from './sharing.migrations.ts';
export type { SharingTables } from './sharing.table.ts';
export { TARGET_TYPES, SHARE_CHANNELS, type TargetType, type ShareChannel, type TargetResolver, type ResolvedTarget, type AttributionModel, type AttributionSubject } from './sharing.rules.ts';
export { cascadeStats, type CascadeStats, type CascadeNode } from './cascade.rules.ts';
