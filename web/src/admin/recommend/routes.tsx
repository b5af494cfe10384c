import type { RouteObject } from 'react-router-dom';
import './i18n';
import { RecommendQualityPage } from './quality';

/** Sidebar entries: `to` relative to /admin, `label` a key in the recommend namespace. */
export const recommendNav: { to: string; label: string }[] = [{ to: 'recommend/quality', label: 'nav.quality' }];

export const recommendRoutes: RouteObject[] = [{ path: 'recommend/quality', element: <RecommendQualityPage /> }];
