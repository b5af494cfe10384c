// The console shell: a sidebar of every screen (collapsible on phones) and a top bar with the
// language switch, the operator's name and "Sign out".
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, call } from '../shared/api';
import { Button, LanguageSwitch, useErrorText, useToast } from '../shared/ui';
import { useMe, useSessionChanged } from './auth';
import { analyticsNav } from './analytics/routes';
import { campaignNav } from './campaigns/routes';
import { complianceNav } from './compliance/routes';
import { riskNav } from './risk/routes';
import { audienceNav } from './audience/routes';
import { recommendNav } from './recommend/routes';
import { supplyNav } from './supply/routes';
import { experimentsNav } from './experiments/routes';
import { moderationNav } from './moderation/routes';
import { liveNav } from './live/routes';
import { communityNav } from './community/routes';
import { plannerNav } from './planner/routes';

interface NavGroup {
  label: string;
  items: { to: string; label: string; end?: boolean }[];
}

export function ConsoleLayout() {
  const { t } = useTranslation('admin');
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const toast = useToast();
  const errorText = useErrorText();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const groups: NavGroup[] = [
    { label: t('nav.overview'), items: [{ to: '/', label: t('nav.dashboard'), end: true }] },
    {
      label: t('nav.catalog'),
      items: [
        { to: '/products', label: t('nav.products') },
        { to: '/categories', label: t('nav.categories') },
        { to: '/inventory', label: t('nav.inventory') },
      ],
    },
    {
      label: t('nav.trade'),
      items: [
        { to: '/orders', label: t('nav.orders') },
        { to: '/aftersales', label: t('nav.aftersales') },
      ],
    },
    { label: t('nav.people'), items: [{ to: '/customers', label: t('nav.customers') }] },
    {
      label: t('nav.affiliate'),
      items: [
        { to: '/promoters/applications', label: t('nav.applications') },
        { to: '/promoters', label: t('nav.promoters'), end: true },
        { to: '/promoters/withdrawals', label: t('nav.withdrawals') },
      ],
    },
    { label: t('nav.sharing'), items: [{ to: '/shares', label: t('nav.shares') }] },
    ...(campaignNav.length > 0 ? [{ label: t('nav.campaigns'), items: campaignNav.map((n) => ({ to: n.to.startsWith('/') ? n.to : `/${n.to}`, label: t('campaigns:' + n.label) })) }] : []),
    { label: t('analytics:nav.group'), items: analyticsNav.map((n) => ({ to: `/${n.to}`, label: t('analytics:' + n.label) })) },
    { label: t('compliance.nav.group'), items: complianceNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { label: t('risk.nav.group'), items: riskNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { label: t('audience:nav.group'), items: audienceNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { label: t('recommend:nav.group'), items: recommendNav.map((n) => ({ to: `/${n.to}`, label: t('recommend:' + n.label) })) },
    { label: t('supply:nav.group'), items: supplyNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { label: t('planner:nav.group'), items: plannerNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { label: t('experiments:nav.group'), items: experimentsNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { label: t('moderation:nav.group'), items: moderationNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { label: t('live:nav.group'), items: liveNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { label: t('communityAdmin:nav.group'), items: communityNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { label: t('nav.system'), items: [{ to: '/settings', label: t('nav.settings') }, { to: '/integrations', label: t('integrations:nav.integrations') }, { to: '/outbox', label: t('accounts:nav.outbox') }] },
  ];

  const signOut = async () => {
    setSigningOut(true);
    try {
      await call(api.POST('/api/v1/auth/logout'));
      sessionChanged();
      navigate('/login', { replace: true });
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setSigningOut(false);
    }
  };

  return (
    <div className={`console ${menuOpen ? 'console-menu-open' : ''}`}>
      <a className="skip-link" href="#console-main">
        {t('skip')}
      </a>
      <header className="topbar">
        <button type="button" className="btn btn-ghost menu-toggle" aria-expanded={menuOpen} aria-controls="console-nav" onClick={() => setMenuOpen((v) => !v)}>
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">{t('nav.menu')}</span>
        </button>
        <NavLink to="/" className="brand">
          {t('common:consoleName')}
        </NavLink>
        <div className="topbar-right">
          <LanguageSwitch />
          {me.data && <span className="topbar-user">{me.data.displayName}</span>}
          <Button variant="ghost" busy={signingOut} onClick={() => void signOut()}>
            {t('common:signOut')}
          </Button>
        </div>
      </header>
      <div className="console-body">
        <nav id="console-nav" className="sidebar" aria-label={t('nav.label')}>
          {groups.map((g) => (
            <div className="nav-group" key={g.label}>
              <div className="nav-group-label">{g.label}</div>
              <ul>
                {g.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end} className={({ isActive }) => `nav-link ${isActive ? 'nav-link-active' : ''}`}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        {menuOpen && <button type="button" className="scrim" aria-label={t('nav.closeMenu')} onClick={() => setMenuOpen(false)} />}
        <main id="console-main" className="console-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
