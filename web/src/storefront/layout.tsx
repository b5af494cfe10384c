// The storefront frame: a page header with back and a share / more slot, the content, a bottom tab bar.
// The language picker lives in 我的 → 设置 (Me → Settings), not in every header.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { HeaderMore } from './header-more';
import { track } from './track';

export function PageHeader({ title, back = true, actions }: { title: string; back?: boolean; actions?: ReactNode }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  return (
    <header className="page-header">
      {back ? (
        <button type="button" className="btn btn-ghost back" onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/'))} aria-label={t('back')}>
          ‹
        </button>
      ) : (
        <span className="back" />
      )}
      <h1>{title}</h1>
      <div className="page-header-actions">
        {actions ?? <HeaderMore />}
      </div>
    </header>
  );
}

const TABS = [
  { to: '/', key: 'home', icon: '⌂', end: true },
  { to: '/categories', key: 'categories', icon: '☰', end: false },
  { to: '/feed', key: 'feed', icon: '✎', end: false },
  { to: '/cart', key: 'cart', icon: '🛒', end: false },
  { to: '/me', key: 'me', icon: '☺', end: false },
] as const;

// Screens with a fixed action bar of their own (buy, invite to cut, submit the order, pay): one
// fixed bar at the bottom, as in Taobao and Pinduoduo, instead of the action bar stacked on the
// tab bar. The header's back button leads out of them.
const OWN_ACTION_BAR = [/^\/product\/[^/]+\/?$/, /^\/bargain\/[^/]+\/?$/, /^\/checkout\/?$/, /^\/orders\/[^/]+\/pay\/?$/];

export const hidesTabBar = (pathname: string) => OWN_ACTION_BAR.some((re) => re.test(pathname));

export function StorefrontLayout() {
  const { t } = useTranslation('shell');
  const { pathname, search } = useLocation();
  useEffect(() => track('page_view'), [pathname, search]);
  const noTabs = hidesTabBar(pathname);
  return (
    <div className={`storefront ${noTabs ? 'storefront-no-tabs' : ''}`}>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <main id="main" className="storefront-main">
        <Outlet />
      </main>
      {!noTabs && (
        <nav className="tabbar" aria-label={t('tabs')}>
          {TABS.map((tab) => (
            <NavLink key={tab.to} to={tab.to} end={tab.end} className={({ isActive }) => `tab ${isActive ? 'tab-active' : ''}`}>
              <span aria-hidden="true">{tab.icon}</span>
              <span>{t(tab.key)}</span>
            </NavLink>
          ))}
        </nav>
      )}
    </div>
  );
}
