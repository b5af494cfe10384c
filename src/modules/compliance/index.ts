import { defineModule, on } from '../../platform/module.ts';
import { DomainError } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { SecondFactors } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { createComplianceService } from './compliance.service.ts';
import { complianceAdminRoutes } from './compliance.routes.ts';
import { createOperatorTotp } from './compliance.totp.ts';
import { totpRoutes } from './compliance.totp.routes.ts';
import { complianceMigrations } from './compliance.migrations.ts';
import { complianceErrors } from './compliance.errors.ts';
import { complianceTables } from './compliance.table.ts';

export { createComplianceService } from './compliance.service.ts';
export { displayedReference } from './compliance.rules.ts';
export type { ReferenceClaim } from './compliance.service.ts';
export type { ComplianceTables } from './compliance.table.ts';

export const complianceModule = defineModule({
  name: 'compliance',
  tables: complianceTables,
  needs: ['identity', 'campaigns', 'orders', 'sharing', 'bargain'],
  migrations: complianceMigrations,
  errors: complianceErrors,
  create: (platform, deps: { identity: { secondFactors: SecondFactors; getUser(id: string): Promise<{ email: string | null }> }; campaigns: CampaignsService; orders: OrdersService; sharing: SharingService; bargain: { getCut(viewerId: string | null, cutId: string): Promise<{ campaignId: string }> } }) => {
    // A lucky draw's id is its campaign's; a price-cut names its campaign.
    const campaignOfTarget = async (type: string, id: string) => {
      if (!isUuid(id)) return null;
      if (type === 'lottery') return id;
      if (type === 'bargain') return deps.bargain.getCut(null, id).then((cut) => cut.campaignId, (err) => (err instanceof DomainError ? null : Promise.reject(err)));
      return null;
    };
    // Registers the kernel's preLaunch and channelPolicy hooks itself; sharing asks before each share.
    const compliance = createComplianceService(platform, { campaigns: deps.campaigns, orders: deps.orders, campaignOfTarget });
    deps.sharing.registerShareGuard((executor, share) => compliance.checkShare(executor, share));
    // Posters show a reference ("original") price only as high as the lawful one.
    deps.sharing.registerReferenceCap((claims) => compliance.capReferences(claims));
    // Operators who turned on two-factor sign-in need a current authenticator code at every sign-in.
    const totp = createOperatorTotp(platform);
    deps.identity.secondFactors.register(totp.secondFactor);
    return { ...compliance, totp };
  },
  routes: (compliance, { identity }) => ({ admin: async (app) => {
    await app.register(complianceAdminRoutes(compliance));
    await app.register(totpRoutes(compliance.totp, async (id) => (await identity.getUser(id)).email ?? id));
  } }),
  // Every price actually charged joins its SKU's history: what the reference-price rule reads.
  consumers: (compliance) => [on('order.paid', 'compliance.record-charged-prices', (trx, e) => compliance.recordChargedPrices(trx, e.payload.orderId).then(() => undefined))],
  // An operator's two-factor enrolment (its sealed secret never leaves in an export).
  personalData: () => ({ tables: { compliance_operator_totp: { columns: ['user_id'], erase: 'delete' }, compliance_totp_recovery_codes: { columns: ['user_id'], erase: 'delete' } } }),
});
