// The console shell: a sidebar of every screen (its own scroll, groups an operator may fold, the
// current screen's group always open; a drawer on phones), breadcrumbs over every page, and a top
// bar with the language switch, the operator's name and "Sign out".
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
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
import { activeNav, breadcrumbs, type NavGroup } from './breadcrumbs';
import './shell.i18n';

const FOLDED_KEY = 'fission.console.foldedGroups';

/** The groups an operator folded, remembered on this device; all open on a first visit. */
function useFoldedGroups(): [Set<string>, (id: string) => void] {
  const [folded, setFolded] = useState<Set<string>>(() => {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(FOLDED_KEY) ?? '[]');
      return new Set(Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : []);
    } catch {
      return new Set();
    }
  });
  const toggle = (id: string) =>
    setFolded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      try {
        localStorage.setItem(FOLDED_KEY, JSON.stringify([...next]));
      } catch {
        // storage may be unavailable (private mode): the fold lasts for this visit only
      }
      return next;
    });
  return [folded, toggle];
}

function Breadcrumbs({ groups, pathname }: { groups: NavGroup[]; pathname: string }) {
  const { t } = useTranslation('shell');
  const crumbs = breadcrumbs(groups, pathname, (w) => t(`crumb.${w}`));
  // The dashboard is the root: "Overview / Dashboard" would say nothing its heading does not.
  if (pathname === '/' || crumbs.length === 0) return null;
  // A labelled list rather than a second <nav>: journeys and operators' tools reach the sidebar as
  // "the navigation", and a crumb repeats a sidebar link's name on every detail page.
  return (
    <div className="breadcrumbs">
      <ol aria-label={t('breadcrumb')}>
        {crumbs.map((c, i) => (
          <li key={i}>
            {c.to ? <Link to={c.to}>{c.label}</Link> : <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.label}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
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
  const [folded, toggleGroup] = useFoldedGroups();
  const sidebar = useRef<HTMLElement>(null);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // The sidebar scrolls on its own: keep the current screen's link in view when the route changes.
  useEffect(() => {
    sidebar.current?.querySelector('.nav-link-active')?.scrollIntoView({ block: 'nearest' });
  }, [location.pathname]);

  const groups: NavGroup[] = [
    { id: 'overview', label: t('nav.overview'), items: [{ to: '/', label: t('nav.dashboard'), end: true }] },
    {
      id: 'catalog',
      label: t('nav.catalog'),
      items: [
        { to: '/products', label: t('nav.products') },
        { to: '/categories', label: t('nav.categories') },
        { to: '/inventory', label: t('nav.inventory') },
      ],
    },
    {
      id: 'trade',
      label: t('nav.trade'),
      items: [
        { to: '/orders', label: t('nav.orders') },
        { to: '/aftersales', label: t('nav.aftersales') },
      ],
    },
    { id: 'people', label: t('nav.people'), items: [{ to: '/customers', label: t('nav.customers') }, { to: '/loyalty', label: t('nav.loyalty') }] },
    {
      id: 'affiliate',
      label: t('nav.affiliate'),
      items: [
        { to: '/promoters/applications', label: t('nav.applications') },
        { to: '/promoters', label: t('nav.promoters'), end: true },
        { to: '/promoters/withdrawals', label: t('nav.withdrawals') },
      ],
    },
    { id: 'sharing', label: t('nav.sharing'), items: [{ to: '/shares', label: t('nav.shares') }] },
    ...(campaignNav.length > 0 ? [{ id: 'campaigns', label: t('nav.campaigns'), items: campaignNav.map((n) => ({ to: n.to.startsWith('/') ? n.to : `/${n.to}`, label: t('campaigns:' + n.label) })) }] : []),
    { id: 'analytics', label: t('analytics:nav.group'), items: analyticsNav.map((n) => ({ to: `/${n.to}`, label: t('analytics:' + n.label) })) },
    { id: 'compliance', label: t('compliance.nav.group'), items: complianceNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { id: 'risk', label: t('risk.nav.group'), items: riskNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { id: 'audience', label: t('audience:nav.group'), items: audienceNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { id: 'recommend', label: t('recommend:nav.group'), items: recommendNav.map((n) => ({ to: `/${n.to}`, label: t('recommend:' + n.label) })) },
    { id: 'supply', label: t('supply:nav.group'), items: supplyNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { id: 'planner', label: t('planner:nav.group'), items: plannerNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { id: 'experiments', label: t('experiments:nav.group'), items: experimentsNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { id: 'moderation', label: t('moderation:nav.group'), items: moderationNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { id: 'live', label: t('live:nav.group'), items: liveNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { id: 'community', label: t('communityAdmin:nav.group'), items: communityNav.map((n) => ({ to: `/${n.to}`, label: t(n.label) })) },
    { id: 'system', label: t('nav.system'), items: [{ to: '/settings', label: t('nav.settings') }, { to: '/integrations', label: t('integrations:nav.integrations') }, { to: '/outbox', label: t('accounts:nav.outbox') }] },
  ];

  const activeGroup = activeNav(groups, location.pathname)?.group.id;

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
        <nav id="console-nav" ref={sidebar} className="sidebar" aria-label={t('nav.label')}>
          {groups.map((g) => {
            const open = !folded.has(g.id) || g.id === activeGroup;
            const listId = `nav-group-${g.id}`;
            return (
              <div className="nav-group" key={g.id}>
                <button
                  type="button"
                  className="nav-group-label"
                  aria-expanded={open}
                  aria-controls={listId}
                  title={t(open ? 'shell:group.collapse' : 'shell:group.expand', { group: g.label })}
                  // The current screen's group stays open: folding it would hide where the operator is.
                  disabled={g.id === activeGroup}
                  onClick={() => toggleGroup(g.id)}
                >
                  <span>{g.label}</span>
                  <span className="nav-group-caret" aria-hidden="true">
                    {open ? '▾' : '▸'}
                  </span>
                </button>
                <ul id={listId} hidden={!open}>
                  {g.items.map((item) => (
                    <li key={item.to}>
                      <NavLink to={item.to} end={item.end} className={({ isActive }) => `nav-link ${isActive ? 'nav-link-active' : ''}`}>
                        {item.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        {menuOpen && <button type="button" className="scrim" aria-label={t('nav.closeMenu')} onClick={() => setMenuOpen(false)} />}
        <main id="console-main" className="console-main" tabIndex={-1}>
          <Breadcrumbs groups={groups} pathname={location.pathname} />
          <Outlet />
        </main>
      </div>
    </div>
  );
}
