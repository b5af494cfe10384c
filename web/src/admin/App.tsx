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
import { CategoriesPage, ProductCreatePage, ProductDetailPage, ProductsPage } from './pages/catalog';
import { DashboardPage } from './pages/dashboard';
import { InventoryPage, StockDetailPage } from './pages/inventory';
import { IntegrationsPage } from './pages/integrations';
import { LoginPage } from './pages/Login';
import { AftersalesPage, OrderDetailPage } from './pages/orders';
import { ApplicationsPage, CustomerDetailPage, CustomersPage, PromotersPage, WithdrawalsPage } from './pages/people';
import { SettingsPage } from './pages/settings';
import { OutboxPage } from './pages/accounts';
import { CascadePage, SharesPage } from './pages/shares';

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
      { path: 'products', element: <ProductsPage /> },
      { path: 'products/new', element: <ProductCreatePage /> },
      { path: 'products/:id', element: <ProductDetailPage /> },
      { path: 'categories', element: <CategoriesPage /> },
      { path: 'inventory', element: <InventoryPage /> },
      { path: 'inventory/:skuId', element: <StockDetailPage /> },
      // Ant Design pages load as their own chunk, so the rest of the console does not carry antd.
      { path: 'orders', lazy: () => import('./orders/route') },
      { path: 'orders/:id', element: <OrderDetailPage /> },
      { path: 'aftersales', element: <AftersalesPage /> },
      { path: 'customers', element: <CustomersPage /> },
      { path: 'customers/:id', element: <CustomerDetailPage /> },
      { path: 'promoters', element: <PromotersPage /> },
      { path: 'promoters/applications', element: <ApplicationsPage /> },
      { path: 'promoters/withdrawals', element: <WithdrawalsPage /> },
      { path: 'shares', element: <SharesPage /> },
      { path: 'shares/:id', element: <CascadePage /> },
      { path: 'settings', element: <SettingsPage /> },
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
