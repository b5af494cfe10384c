// The account hub (with its settings: the storefront's language) and the address book.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { switchLanguage, LANGS, type Lang } from '../../../shared/i18n';
import { Button, Empty, ErrorState, Loading, QueryView, Sheet, useErrorText, useToast } from '../../../shared/ui';
import { RequireSignIn, useMe, useSessionChanged } from '../../auth';
import { PageHeader } from '../../layout';
import { AddressForm, addressLine, useAddresses, type Address, type AddressInput } from '../../address';
import { MessagesLink } from '../audience/Messages';

const ORDER_SHORTCUTS = [
  { status: 'pending_payment', icon: '💳' },
  { status: 'awaiting_team', icon: '👥' },
  { status: 'to_ship', icon: '📦' },
  { status: 'shipped', icon: '🚚' },
  { status: 'refunding', icon: '↩' },
] as const;

const LINKS = [
  { to: '/coupons', key: 'coupons', icon: '🎫' },
  { to: '/me/points', key: 'points', icon: '⭐' },
  { to: '/me/invite', key: 'invite', icon: '✉' },
  { to: '/me/promoter', key: 'promoter', icon: '💼' },
  { to: '/lottery', key: 'lottery', icon: '🎁' },
  { to: '/bargain', key: 'bargain', icon: '✂' },
  { to: '/groupbuy', key: 'groupbuy', icon: '👥' },
  { to: '/me/addresses', key: 'addresses', icon: '📍' },
  { to: '/me/password', key: 'password', icon: '🔑' },
  { to: '/me/privacy', key: 'privacy', icon: '🛡' },
] as const;

/** 我的 → 设置: the language, for signed-in and signed-out shoppers alike (reached from the header's ⋯ too). */
function Settings() {
  const { t, i18n } = useTranslation('shop');
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === '#settings') document.getElementById('settings')?.scrollIntoView();
  }, [hash]);
  return (
    <section id="settings" className="card shop-me-links" aria-labelledby="me-settings">
      <h2 id="me-settings" className="section-title">
        {t('me.settings')}
      </h2>
      <div className="shop-me-setting" role="radiogroup" aria-label={t('me.language')}>
        <span aria-hidden="true">🌐</span>
        <span className="shop-me-setting-name">{t('me.language')}</span>
        <span className="shop-me-setting-choices">
          {LANGS.map((lang: Lang) => (
            <button key={lang} type="button" role="radio" aria-checked={i18n.language === lang} lang={lang} className={`btn ${i18n.language === lang ? 'btn-primary' : 'btn-ghost'}`} onClick={() => switchLanguage(lang)}>
              {lang === 'zh-CN' ? '中文' : 'English'}
            </button>
          ))}
        </span>
      </div>
    </section>
  );
}

export function MePage() {
  const { t } = useTranslation('shop');
  const me = useMe();
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const errorText = useErrorText();
  const logout = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/logout')),
    onSuccess: async () => {
      await sessionChanged();
      navigate('/', { replace: true });
    },
  });
  return (
    <>
      <PageHeader title={t('me.title')} back={false} />
      {me.isPending ? (
        <Loading />
      ) : me.isError ? (
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      ) : !me.data ? (
        <>
          <section className="shop-me-head">
            <span className="shop-me-avatar" aria-hidden="true">
              ☺
            </span>
            <div>
              <h2>{t('me.welcome')}</h2>
              <p>{t('me.signedOut')}</p>
              <div className="row">
                <Link to="/login?next=%2Fme" className="btn btn-secondary">
                  {t('auth.signIn')}
                </Link>
                <Link to="/signup?next=%2Fme" className="btn btn-secondary">
                  {t('auth.signUp')}
                </Link>
              </div>
            </div>
          </section>
          <Settings />
        </>
      ) : (
        <>
          <section className="shop-me-head">
            <span className="shop-me-avatar" aria-hidden="true">
              {me.data.displayName.slice(0, 1).toUpperCase()}
            </span>
            <div>
              <h2>{t('me.hello', { name: me.data.displayName })}</h2>
              <p>{me.data.email ?? me.data.phone}</p>
            </div>
          </section>
          <section className="card" aria-labelledby="me-orders">
            <h2 id="me-orders" className="section-title">
              <span>{t('me.orders')}</span>
              <Link to="/orders" className="shop-more-link">
                {t('me.allOrders')}
              </Link>
            </h2>
            <nav className="shop-shortcuts" aria-label={t('me.orders')}>
              {ORDER_SHORTCUTS.map((s) => (
                <Link key={s.status} to={`/orders?status=${s.status}`} className="shop-entry">
                  <span className="shop-shortcut-icon" aria-hidden="true">
                    {s.icon}
                  </span>
                  <span>{t(`orders.tab.${s.status}`)}</span>
                </Link>
              ))}
            </nav>
          </section>
          <MessagesLink />
          <nav className="card shop-me-links" aria-label={t('me.services')}>
            <h2 className="section-title">{t('me.services')}</h2>
            <ul className="shop-plain-list">
              {LINKS.map((l) => (
                <li key={l.to}>
                  <Link to={l.to} className="shop-me-link">
                    <span aria-hidden="true">{l.icon}</span>
                    <span>{t(`me.links.${l.key}`)}</span>
                    <span aria-hidden="true" className="shop-chevron">
                      ›
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <Settings />
          <div className="shop-more">
            <Button variant="danger" busy={logout.isPending} onClick={() => logout.mutate()}>
              {t('common:signOut')}
            </Button>
          </div>
          {logout.isError && (
            <p role="alert" className="shop-error card">
              {errorText(logout.error)}
            </p>
          )}
        </>
      )}
    </>
  );
}

function AddressBook() {
  const { t } = useTranslation('shop');
  const client = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const addresses = useAddresses();
  const [editing, setEditing] = useState<Address | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Address | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['addresses'] });
  async function save(input: AddressInput) {
    if (editing === 'new') await call(api.POST('/api/v1/me/addresses', { body: { ...input, isDefault: input.isDefault || !addresses.data?.items.length } }));
    else if (editing) await call(api.PATCH('/api/v1/me/addresses/{id}', { params: { path: { id: editing.id } }, body: input }));
    await refresh();
    setEditing(null);
    toast(t('address.saved'));
  }
  const makeDefault = useMutation({
    mutationFn: (id: string) => call(api.PATCH('/api/v1/me/addresses/{id}', { params: { path: { id } }, body: { isDefault: true } })),
    onSuccess: () => void refresh(),
    onError: (err) => toast(errorText(err), 'error'),
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/api/v1/me/addresses/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      setDeleting(null);
      void refresh();
      toast(t('address.deleted'));
    },
  });
  return (
    <>
      <QueryView query={addresses}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('address.none')}</Empty>
          ) : (
            <ul className="shop-plain-list">
              {data.items.map((a) => (
                <li key={a.id} className="card shop-address-card">
                  <p>
                    <strong>
                      {a.recipient} {a.phone}
                    </strong>{' '}
                    {a.isDefault && <span className="badge">{t('address.default')}</span>}
                    <br />
                    <span className="shop-muted">
                      {addressLine(a)}
                      {a.postalCode ? ` ${a.postalCode}` : ''}
                    </span>
                  </p>
                  <div className="row">
                    {!a.isDefault && (
                      <Button variant="ghost" busy={makeDefault.isPending && makeDefault.variables === a.id} onClick={() => makeDefault.mutate(a.id)} aria-label={t('address.makeDefaultOf', { name: a.recipient })}>
                        {t('address.setDefault')}
                      </Button>
                    )}
                    <Button variant="ghost" onClick={() => setEditing(a)} aria-label={t('address.editOf', { name: a.recipient })}>
                      {t('address.edit')}
                    </Button>
                    <Button variant="ghost" onClick={() => setDeleting(a)} aria-label={t('address.deleteOf', { name: a.recipient })}>
                      {t('address.delete')}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <div className="shop-more">
        <Button onClick={() => setEditing('new')}>{t('address.add')}</Button>
      </div>
      <Sheet open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('address.addTitle') : t('address.editTitle')}>
        {editing !== null && <AddressForm key={editing === 'new' ? 'new' : editing.id} initial={editing === 'new' ? undefined : editing} onSubmit={save} onCancel={() => setEditing(null)} />}
      </Sheet>
      <Sheet open={deleting !== null} onClose={() => setDeleting(null)} title={t('address.deleteTitle')}>
        {deleting && (
          <>
            <p>{t('address.deleteSure', { line: `${deleting.recipient} · ${addressLine(deleting)}` })}</p>
            {remove.isError && <ErrorState error={remove.error} />}
            <div className="row">
              <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate(deleting.id)}>
                {t('address.delete')}
              </Button>
              <Button variant="ghost" onClick={() => setDeleting(null)}>
                {t('common:cancel')}
              </Button>
            </div>
          </>
        )}
      </Sheet>
    </>
  );
}

export function AddressesPage() {
  const { t } = useTranslation('shop');
  return (
    <>
      <PageHeader title={t('address.title')} />
      <RequireSignIn>
        <AddressBook />
      </RequireSignIn>
    </>
  );
}
