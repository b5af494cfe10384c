// What the simulator reads from other modules, and the store history a calibration is fitted on
// (its own file so the backtest and the service share the types without importing each other).
import type { CampaignsService } from '../campaigns/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { SharingService } from '../sharing/index.ts';
import type { ShareFact } from './simulator.calibration.ts';
import type { SimGraph } from './simulator.model.ts';
import type { Calibration } from './simulator.types.ts';

export interface SimulatorDeps {
  sharing: Pick<SharingService, 'listRoots' | 'stats' | 'cascadeFacts'>;
  identity: Pick<IdentityService, 'listCustomers' | 'friendsOf'>;
  campaigns: Pick<CampaignsService, 'get' | 'cost'>;
}

export interface StoreHistory {
  facts: ShareFact[];
  roots: { id: string; campaignId: string | null; at: number }[];
  graph: SimGraph | null;
  index: Map<string, number>;
  newVisitorShare: number | null;
  calibration: Calibration;
  /** Each campaign's mechanic, and calibrations fitted on one mechanic's campaigns (made on first use). */
  mechanicOf: Map<string, string>;
  byMechanic: Map<string, Calibration>;
  meanDegree: number;
  /** Per share, the friends of its sharer on the graph it could reach (reachableFriends); undefined off it. */
  reachable: ReadonlyMap<string, number | undefined>;
  dayKey: string;
  loadedAt: number;
}
