import type { RouteObject } from 'react-router-dom';
import { ActiveUsersPage } from './active';
import { CampaignReportDetail, CampaignReportPage } from './campaigns';
import { ChannelsPage } from './channels';
import { FunnelPage } from './funnel';
import { RetentionPage } from './retention';
import { ViralPage } from './viral';

/** Sidebar entries for the analytics screens: `to` is relative to /admin, `label` a key in the analytics namespace. */
export const analyticsNav: { to: string; label: string }[] = [
  { to: 'analytics/funnels', label: 'nav.funnels' },
  { to: 'analytics/campaigns', label: 'nav.campaigns' },
  { to: 'analytics/channels', label: 'nav.channels' },
  { to: 'analytics/viral', label: 'nav.viral' },
  { to: 'analytics/retention', label: 'nav.retention' },
  { to: 'analytics/active-users', label: 'nav.active' },
];

export const analyticsRoutes: RouteObject[] = [
  { path: 'analytics/funnels', element: <FunnelPage /> },
  { path: 'analytics/campaigns', element: <CampaignReportPage /> },
  { path: 'analytics/campaigns/:id', element: <CampaignReportDetail /> },
  { path: 'analytics/channels', element: <ChannelsPage /> },
  { path: 'analytics/viral', element: <ViralPage /> },
  { path: 'analytics/retention', element: <RetentionPage /> },
  { path: 'analytics/active-users', element: <ActiveUsersPage /> },
];
