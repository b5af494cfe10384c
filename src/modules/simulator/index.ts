// The fission simulator: Monte Carlo forecasts of a campaign before launch, calibrated from the
// store's past cascades, and a backtest that replays them. It owns no tables.
import { defineModule } from '../../platform/module.ts';
import { noTables } from '../../platform/tables.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { SHARE_CHANNELS, type SharingService } from '../sharing/index.ts';
import { simulatorErrors } from './simulator.errors.ts';
import { simulatorRoutes } from './simulator.routes.ts';
import { createSimulatorService } from './simulator.service.ts';

export type {
  SimulatedMechanic,
  ForecastInput,
  Band,
  ForecastDay,
  Forecast,
  Calibration,
  ChannelCalibration,
  BacktestReport,
  BacktestCampaign,
  BacktestOptions,
} from './simulator.types.ts';
export { createSimulatorService, type SimulatorService } from './simulator.service.ts';
export { registerSimulateCommand, type OpenSimulator } from './simulator.cli.ts';

export const simulatorModule = defineModule({
  name: 'simulator',
  tables: noTables,
  needs: ['sharing', 'identity', 'campaigns'],
  errors: simulatorErrors,
  create: (platform, deps: { sharing: SharingService; identity: IdentityService; campaigns: CampaignsService }) =>
    createSimulatorService(platform, deps, { shareChannels: SHARE_CHANNELS }),
  routes: (simulator) => ({ admin: simulatorRoutes(simulator) }),
});
