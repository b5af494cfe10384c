// The storefront frame: a page header with back and language, the content, a bottom tab bar.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../shared/ui';

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
        {actions}
        <LanguageSwitch />
      </div>
    </header>
  );
}

const TABS = [
  { to: '/', key: 'home', icon: '⌂', end: true },
  { to: '/categories', key: 'categories', icon: '☰', end: false },
  { to: '/cart', key: 'cart', icon: '🛒', end: false },
  { to: '/me', key: 'me', icon: '☺', end: false },
] as const;

export function StorefrontLayout() {
  const { t } = useTranslation('shell');
  return (
    <div className="storefront">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <main id="main" className="storefront-main">
        <Outlet />
      </main>
      <nav className="tabbar" aria-label={t('tabs')}>
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end} className={({ isActive }) => `tab ${isActive ? 'tab-active' : ''}`}>
            <span aria-hidden="true">{tab.icon}</span>
            <span>{t(tab.key)}</span>
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
