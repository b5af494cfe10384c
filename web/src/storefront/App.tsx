// Storefront routes. Each area owns its route list and its i18n namespace.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, RouterProvider } from 'react-router-dom';
import { ApiError } from '../shared/api';
import { Empty, ToastProvider } from '../shared/ui';
import { StorefrontLayout, PageHeader } from './layout';
import { commerceRoutes } from './pages/commerce/routes';
import { fissionRoutes } from './pages/fission/routes';
import { audienceRoutes } from './pages/audience/routes';
import { communityRoutes } from './community/routes';
import { liveRoutes } from './live/routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a 4xx will not get better by asking again; network blips and 5xx might
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

function NotFound() {
  const { t } = useTranslation('shell');
  return (
    <>
      <PageHeader title={t('notFound')} />
      <Empty action={<Link to="/" className="btn btn-primary">{t('goHome')}</Link>}>{t('notFound')}</Empty>
    </>
  );
}

const router = createBrowserRouter([
  {
    element: <StorefrontLayout />,
    children: [...commerceRoutes, ...fissionRoutes, ...audienceRoutes, ...communityRoutes, ...liveRoutes, { path: '*', element: <NotFound /> }],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
