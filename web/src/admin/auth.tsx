// The signed-in operator, from the session cookie. Every console page but /login sits inside RequireOperator.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { api, ApiError, call } from '../shared/api';
import { ErrorState, Loading } from '../shared/ui';

export const isOperator = (roles: readonly string[]) => roles.includes('operator') || roles.includes('admin');

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await call(api.GET('/api/v1/me'));
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** After sign-in or sign-out: everything cached belonged to the previous session. */
export function useSessionChanged() {
  const client = useQueryClient();
  return () => client.resetQueries();
}

export function RequireOperator({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation('admin');
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!isOperator(me.data.roles)) {
    return (
      <div className="state state-error" role="alert">
        <p>{t('login.notOperator')}</p>
        <Link className="btn btn-secondary" to="/login">
          {t('login.switchAccount')}
        </Link>
      </div>
    );
  }
  return <>{children}</>;
}
