// The operator console: /admin/login, and every other screen inside the signed-in shell.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, RouterProvider, type RouteObject } from 'react-router-dom';
import { ApiError } from '../shared/api';
import { Empty, ToastProvider } from '../shared/ui';
import { RequireOperator } from './auth';
import { analyticsRoutes } from './analytics/routes';
import { campaignRoutes } from './campaigns/routes';
import { complianceRoutes } from './compliance/routes';
import { riskRoutes } from './risk/routes';
import { audienceRoutes } from './audience/routes';
import { recommendRoutes } from './recommend/routes';
import { supplyRoutes } from './supply/routes';
import { experimentsRoutes } from './experiments/routes';
import { moderationRoutes } from './moderation/routes';
import { liveRoutes } from './live/routes';
import { communityAdminRoutes } from './community/routes';
import { plannerRoutes } from './planner/routes';
import { ConsoleLayout } from './layout';
import { DashboardPage } from './pages/dashboard';
import { InventoryPage, StockDetailPage } from './pages/inventory';
import { IntegrationsPage } from './pages/integrations';
import { LoginPage } from './pages/Login';
import { OutboxPage } from './pages/accounts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

function NotFound() {
  const { t } = useTranslation('admin');
  return (
    <Empty
      action={
        <Link className="btn btn-secondary" to="/">
          {t('nav.dashboard')}
        </Link>
      }
    >
      {t('notFound')}
    </Empty>
  );
}

const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireOperator>
        <ConsoleLayout />
      </RequireOperator>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
      // The catalog (Ant Design) loads as its own chunk, like the orders workbench.
      { path: 'products', lazy: () => import('./catalog/route').then((m) => ({ Component: m.ProductsRoute })) },
      { path: 'products/new', lazy: () => import('./catalog/route').then((m) => ({ Component: m.ProductNewRoute })) },
      { path: 'products/:id', lazy: () => import('./catalog/route').then((m) => ({ Component: m.ProductEditRoute })) },
      { path: 'categories', lazy: () => import('./catalog/route').then((m) => ({ Component: m.CategoriesRoute })) },
      { path: 'inventory', element: <InventoryPage /> },
      { path: 'inventory/:skuId', element: <StockDetailPage /> },
      // Ant Design pages load as their own chunk, so the rest of the console does not carry antd.
      { path: 'orders', lazy: () => import('./orders/route') },
      { path: 'orders/:id', lazy: () => import('./orders/detail-route') },
      { path: 'aftersales', lazy: () => import('./orders/aftersales-route') },
      { path: 'customers', lazy: () => import('./customers/list-route') },
      { path: 'customers/:id', lazy: () => import('./customers/detail-route') },
      { path: 'loyalty', lazy: () => import('./loyalty/route') },
      { path: 'promoters', lazy: () => import('./promoters/route') },
      { path: 'promoters/applications', lazy: () => import('./promoters/applications') },
      { path: 'promoters/withdrawals', lazy: () => import('./promoters/withdrawals') },
      { path: 'shares', lazy: () => import('./shares/route') },
      { path: 'shares/:id', lazy: () => import('./shares/cascade') },
      { path: 'settings', lazy: () => import('./settings/route') },
      { path: 'integrations', element: <IntegrationsPage /> },
      { path: 'outbox', element: <OutboxPage /> },
      ...campaignRoutes,
      ...analyticsRoutes,
      ...complianceRoutes,
      ...riskRoutes,
      ...audienceRoutes,
      ...recommendRoutes,
      ...supplyRoutes,
      ...experimentsRoutes,
      ...moderationRoutes,
      ...liveRoutes,
      ...communityAdminRoutes,
      ...plannerRoutes,
      { path: '*', element: <NotFound /> },
    ],
  },
];

const router = createBrowserRouter(routes, { basename: '/admin' });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
