// The signed-in operator, from the session cookie. Every console page but /login sits inside RequireOperator.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useMe, useSessionChanged } from '../shared/session';
import { ErrorState, Loading } from '../shared/ui';

export const isOperator = (roles: readonly string[]) => roles.includes('operator') || roles.includes('admin');

export { useMe, useSessionChanged };

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
