import type { RouteObject } from 'react-router-dom';
import { AuditLogPage } from './audit';
import { ChannelPoliciesPage } from './channels';
import { DeclarationPage } from './declaration';
import { TwoFactorPage } from './security';

/** Sidebar entries: `to` relative to /admin, `label` a key in the admin namespace. */
export const complianceNav: { to: string; label: string }[] = [
  { to: 'compliance/audit', label: 'compliance.nav.audit' },
  { to: 'compliance/channels', label: 'compliance.nav.channels' },
  { to: 'security', label: 'compliance.nav.security' },
];

export const complianceRoutes: RouteObject[] = [
  { path: 'compliance/audit', element: <AuditLogPage /> },
  { path: 'compliance/channels', element: <ChannelPoliciesPage /> },
  { path: 'compliance/campaigns/:id', element: <DeclarationPage /> },
  { path: 'security', element: <TwoFactorPage /> },
];
