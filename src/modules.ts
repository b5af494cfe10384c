// Every module, in the order their services are built: a module comes after the modules it
// `needs`. Adding a module is one line here; its migrations, service, jobs, consumers and routes
// are folded from this list (src/services.ts, src/migrations.ts, src/app.ts).
import type { DepsOf, FissionModule, ServiceOf } from './platform/module.ts';
import type { ErrorDefinitions } from './platform/errors.ts';
import { platformErrors } from './platform/platform.errors.ts';
import { identityModule } from './modules/identity/index.ts';
import { inventoryModule } from './modules/inventory/index.ts';
import { catalogModule } from './modules/catalog/index.ts';
import { checkoutModule } from './modules/checkout/index.ts';
import { ordersModule } from './modules/orders/index.ts';
import { paymentsModule } from './modules/payments/index.ts';
import { aftersalesModule } from './modules/aftersales/index.ts';
import { campaignsModule } from './modules/campaigns/index.ts';
import { riskModule } from './modules/risk/index.ts';
import { placeOrderWorkflow } from './workflows/place-order.ts';
import { sharingModule } from './modules/sharing/index.ts';
import { couponsModule } from './modules/coupons/index.ts';
import { loyaltyModule } from './modules/loyalty/index.ts';
import { referralModule } from './modules/referral/index.ts';
import { groupbuyModule } from './modules/groupbuy/index.ts';
import { affiliateModule } from './modules/affiliate/index.ts';
import { flashsaleModule } from './modules/flashsale/index.ts';
import { bargainModule } from './modules/bargain/index.ts';
import { lotteryModule } from './modules/lottery/index.ts';
import { analyticsModule } from './modules/analytics/index.ts';
import { integrationsModule } from './modules/integrations/index.ts';
import { restockModule } from './modules/restock/index.ts';
import { complianceModule } from './modules/compliance/index.ts';
import { privacyModule } from './modules/privacy/index.ts';
import { audienceModule } from './modules/audience/index.ts';
import { recommendModule } from './modules/recommend/index.ts';
import { supplyModule } from './modules/supply/index.ts';
import { experimentsModule } from './modules/experiments/index.ts';
import { simulatorModule } from './modules/simulator/index.ts';
import { plannerModule } from './modules/planner/index.ts';
import { moderationModule } from './modules/moderation/index.ts';
import { reviewsModule } from './modules/reviews/index.ts';
import { liveModule } from './modules/live/index.ts';
import { communityModule } from './modules/community/index.ts';

const modules = [
  identityModule,
  inventoryModule,
  catalogModule,
  checkoutModule,
  ordersModule,
  paymentsModule,
  aftersalesModule,
  campaignsModule,
  riskModule,
  placeOrderWorkflow,
  sharingModule,
  couponsModule,
  loyaltyModule,
  referralModule,
  groupbuyModule,
  affiliateModule,
  flashsaleModule,
  bargainModule,
  lotteryModule,
  analyticsModule,
  integrationsModule,
  restockModule,
  complianceModule,
  privacyModule,
  audienceModule,
  recommendModule,
  supplyModule,
  experimentsModule,
  simulatorModule,
  plannerModule,
  moderationModule,
  reviewsModule,
  liveModule,
  communityModule,
] as const;

export type AppModule = (typeof modules)[number];

/** Every module's service by module name. */
export type Services = { [M in AppModule as M['name']]: ServiceOf<M> };

// Compile-time check that what each module asks for (`needs`, `routeNeeds`) is what the named
// modules provide: a mismatch makes `wiringChecked` fail to type-check, naming the module.
type Unsatisfied = { [M in AppModule as M['name']]: Pick<Services, keyof DepsOf<M> & keyof Services> extends DepsOf<M> ? never : M['name'] }[AppModule['name']];
const wiringChecked: [Unsatisfied] extends [never] ? true : { unsatisfiedModule: Unsatisfied } = true;

/** The list seen as plain modules, for the folds that treat every module alike. */
export const moduleList: readonly FissionModule<string, unknown, any, any>[] = modules;

/** Every event type any module publishes, with its payload schema: what webhooks and the docs list. */
export const eventCatalog = moduleList.flatMap((m) => m.events);

/** Every error code any module (or the platform) answers with: status and messages. */
export const errorCatalog: ErrorDefinitions = Object.assign({}, platformErrors, ...moduleList.map((m) => m.errors));
