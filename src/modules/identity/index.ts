export { createIdentityService, publicUser, publicAddress, type IdentityService, type ImportedUser, type ImportedAddress, type ImportedFriendship } from './identity.service.ts';
export { identityRoutes, identityAdminRoutes } from './identity.routes.ts';
export { identityMigrations } from './identity.migrations.ts';
export type { IdentityTables } from './identity.table.ts';
