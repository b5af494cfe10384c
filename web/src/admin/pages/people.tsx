// Customers (search, profile, roles, points and tier) and promoters (applications, promoters, withdrawals).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, call, type paths } from '../../shared/api';
import { formatDate, formatDateTime, formatMoney } from '../../shared/format';
import { QueryView, TextField } from '../../shared/ui';
import { useMe } from '../auth';
import { AccountStatusBadge, SuspensionAction, SuspensionDetails } from './accounts';
import { RevealAction } from './reveal';
import { ActionButton, ActionsHead, BackLink, CursorList, FormError, NoteDecision, PageHead, Stat, StatusBadge, StatusFilter, Table, parseInteger, shortId, useCursorList, useDebounced, useLocalName, useRefresh } from '../kit';

const ROLES = ['shopper', 'promoter', 'operator', 'admin'] as const;
type RevealedContact = paths['/api/v1/admin/customers/{id}/reveal']['post']['responses'][200]['content']['application/json'];
type Role = (typeof ROLES)[number];

export function CustomersPage() {
  const { t } = useTranslation('admin');
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim());
  const list = useCursorList(['admin', 'customers', search], (cursor) => call(api.GET('/api/v1/admin/customers', { params: { query: { q: search || undefined, cursor, limit: 30 } } })));
  return (
    <>
      <PageHead title={t('customers.title')} />
      <div className="filters">
        <TextField label={t('customers.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
      </div>
      <CursorList query={list} empty={t('customers.empty')}>
        {(items) => (
          <Table label={t('customers.title')}>
            <thead>
              <tr>
                <th>{t('customers.name')}</th>
                <th>{t('customers.email')}</th>
                <th>{t('customers.phone')}</th>
                <th>{t('customers.roles')}</th>
                <th>{t('customers.status')}</th>
                <th>{t('customers.joined')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/customers/${c.id}`}>{c.displayName}</Link>
                  </td>
                  <td>{c.email}</td>
                  <td>{c.phone}</td>
                  <td>
                    <RoleList roles={c.roles} />
                  </td>
                  <td>
                    <AccountStatusBadge status={c.status} />
                  </td>
                  <td className="nowrap">{formatDateTime(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}

function RoleList({ roles }: { roles: string[] }) {
  const { t } = useTranslation('admin');
  return (
    <span className="row tight">
      {roles.map((r) => (
        <span key={r} className="badge">
          {t(`role.${r}`, { defaultValue: r })}
        </span>
      ))}
    </span>
  );
}

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const localName = useLocalName();
  const refreshCustomer = useRefresh(['admin', 'customer', id], ['admin', 'customers']);
  const refreshLoyalty = useRefresh(['admin', 'loyalty', id]);
  const me = useMe();
  const customer = useQuery({ queryKey: ['admin', 'customer', id], queryFn: () => call(api.GET('/api/v1/admin/customers/{id}', { params: { path: { id } } })) });
  const loyalty = useCursorList(['admin', 'loyalty', id], (cursor) =>
    call(api.GET('/api/v1/admin/loyalty/accounts/{userId}', { params: { path: { userId: id }, query: { cursor, limit: 20 } } })).then((acc) => ({ ...acc, items: acc.ledger.items, nextCursor: acc.ledger.nextCursor })),
  );
  const account = loyalty.data?.pages[0];
  const isAdmin = !!me.data?.roles.includes('admin');
  const [roles, setRoles] = useState<Role[]>([]);
  const [rolesError, setRolesError] = useState<string | undefined>();
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [pointErrors, setPointErrors] = useState<{ delta?: string; reason?: string }>({});
  // The full phone and addresses after an audited reveal, for this customer only (masked again on leaving the page).
  const [contact, setContact] = useState<{ userId: string; value: RevealedContact } | null>(null);
  const revealed = contact?.userId === id ? contact.value : null;
  return (
    <QueryView query={customer}>
      {(c) => (
        <>
          <PageHead
            title={c.displayName}
            actions={
              <>
                {isAdmin && (
                  <ActionButton
                    label={t('customers.editRoles')}
                    onOpen={() => {
                      setRoles(c.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)));
                      setRolesError(undefined);
                    }}
                    validate={() => {
                      const err = roles.length === 0 ? t('customers.rolesRequired') : undefined;
                      setRolesError(err);
                      return !err;
                    }}
                    run={async () => {
                      await call(api.PUT('/api/v1/admin/customers/{id}/roles', { params: { path: { id } }, body: { roles } }));
                      await refreshCustomer();
                    }}
                    done={t('customers.rolesSaved')}
                  >
                    <fieldset className="radios">
                      <legend>{t('customers.roles')}</legend>
                      {ROLES.map((r) => (
                        <label key={r} className="check">
                          <input type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
                          {t(`role.${r}`)}
                        </label>
                      ))}
                    </fieldset>
                    <FormError>{rolesError}</FormError>
                  </ActionButton>
                )}
                <SuspensionAction account={c} />
                <BackLink to="/customers" />
              </>
            }
          >
            <div className="row">
              <AccountStatusBadge status={c.status} />
              <RoleList roles={c.roles} />
            </div>
          </PageHead>
          <div className="detail-grid">
            <section className="card" aria-labelledby="profile-title">
              <h2 id="profile-title">{t('customers.profile')}</h2>
              <dl className="kv">
                <dt>{t('customers.email')}</dt>
                <dd>{c.email ?? '–'}</dd>
                <dt>{t('customers.phone')}</dt>
                <dd data-testid="customer-phone">
                  {(revealed ? revealed.phone : c.phone) ?? '–'}{' '}
                  {!revealed && (
                    <RevealAction
                      what={t('reveal.contact')}
                      reveal={(reason) => call(api.POST('/api/v1/admin/customers/{id}/reveal', { params: { path: { id } }, body: { reason } }))}
                      onRevealed={(value) => setContact({ userId: id, value })}
                    />
                  )}
                </dd>
                {revealed && (
                  <>
                    <dt>{t('reveal.addresses')}</dt>
                    <dd data-testid="customer-addresses">
                      {revealed.addresses.length === 0
                        ? t('reveal.noAddresses')
                        : revealed.addresses.map((a) => (
                            <div key={a.id}>
                              <strong>{a.recipient}</strong> {a.phone} · {a.province} {a.city} {a.district} {a.line1}
                            </div>
                          ))}
                    </dd>
                  </>
                )}
                <dt>{t('customers.joined')}</dt>
                <dd>{formatDateTime(c.createdAt)}</dd>
                <dt>{t('customers.id')}</dt>
                <dd className="mono small">{c.id}</dd>
                <SuspensionDetails account={c} />
              </dl>
              {!isAdmin && <p className="muted small">{t('customers.rolesAdminOnly')}</p>}
            </section>
            <section className="card" aria-labelledby="points-title">
              <div className="card-head">
                <h2 id="points-title">{t('customers.points')}</h2>
                {account && (
                  <ActionButton
                    label={t('customers.adjustPoints')}
                    onOpen={() => {
                      setDelta('');
                      setReason('');
                      setPointErrors({});
                    }}
                    validate={() => {
                      const d = parseInteger(delta);
                      const e: typeof pointErrors = {};
                      if (d === null || d === 0 || Math.abs(d) > 100_000_000) e.delta = t('customers.pointsInvalid');
                      if (!reason.trim()) e.reason = t('stock.reasonRequired');
                      setPointErrors(e);
                      return Object.keys(e).length === 0;
                    }}
                    run={async () => {
                      await call(api.POST('/api/v1/admin/loyalty/accounts/{userId}/adjustments', { params: { path: { userId: id } }, body: { delta: parseInteger(delta)!, reason: reason.trim() } }));
                      await refreshLoyalty();
                    }}
                    done={t('customers.pointsAdjusted')}
                  >
                    <TextField label={t('customers.pointsDelta')} inputMode="numeric" value={delta} onChange={(e) => setDelta(e.target.value)} error={pointErrors.delta} hint={t('stock.deltaHint')} />
                    <TextField label={t('stock.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={pointErrors.reason} maxLength={200} />
                  </ActionButton>
                )}
              </div>
              {account && (
                <div className="stats">
                  <Stat label={t('customers.balance')} value={account.balance} />
                  <Stat label={t('customers.tier')} value={account.tier ? localName(account.tier) : '–'} hint={account.nextTier ? t('customers.nextTier', { count: account.nextTier.growthNeeded }) : undefined} />
                  <Stat label={t('customers.growth')} value={account.growthValue} />
                  <Stat label={t('customers.streak')} value={account.checkinStreak} />
                </div>
              )}
              <CursorList query={loyalty} empty={t('customers.noLedger')}>
                {(items) => (
                  <Table label={t('customers.ledger')}>
                    <thead>
                      <tr>
                        <th>{t('stock.at')}</th>
                        <th>{t('customers.pointsDelta')}</th>
                        <th>{t('customers.balance')}</th>
                        <th>{t('stock.reason')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((l) => (
                        <tr key={l.id}>
                          <td className="nowrap">{formatDateTime(l.createdAt)}</td>
                          <td className="num">{l.delta > 0 ? `+${l.delta}` : l.delta}</td>
                          <td className="num">{l.balanceAfter}</td>
                          <td>
                            {t(`pointsReason.${l.reason}`, { defaultValue: l.reason })}
                            {l.note && <span className="muted"> · {l.note}</span>}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                )}
              </CursorList>
            </section>
          </div>
        </>
      )}
    </QueryView>
  );
}

const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;

export function ApplicationsPage() {
  const { t } = useTranslation('admin');
  const [status, setStatus] = useState<'' | (typeof APPLICATION_STATUSES)[number]>('pending');
  const list = useCursorList(['admin', 'applications', status], (cursor) =>
    call(api.GET('/api/v1/admin/affiliate/applications', { params: { query: { status: status || undefined, cursor, limit: 30 } } })),
  );
  const refresh = useRefresh(['admin', 'applications'], ['admin', 'promoters']);
  return (
    <>
      <PageHead title={t('affiliate.applications')} />
      <div className="filters">
        <StatusFilter label={t('orders.status')} statuses={APPLICATION_STATUSES} value={status} onChange={setStatus} />
      </div>
      <CursorList query={list} empty={t('affiliate.noApplications')}>
        {(items) => (
          <Table label={t('affiliate.applications')}>
            <thead>
              <tr>
                <th>{t('affiliate.applicant')}</th>
                <th>{t('affiliate.source')}</th>
                <th>{t('affiliate.note')}</th>
                <th>{t('orders.status')}</th>
                <th>{t('affiliate.applied')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/customers/${a.userId}`}>{t('affiliate.user', { id: shortId(a.userId) })}</Link>
                  </td>
                  <td>{t(`affiliateSource.${a.source}`, { defaultValue: a.source })}</td>
                  <td className="clip">
                    {a.note}
                    {a.operatorNote && (
                      <div className="small muted">
                        {t('aftersales.operatorNote')}: {a.operatorNote}
                      </div>
                    )}
                  </td>
                  <td>
                    <StatusBadge status={a.status} />
                  </td>
                  <td className="nowrap">{formatDateTime(a.appliedAt)}</td>
                  <td className="row nowrap">
                    {a.status === 'pending' && (
                      <NoteDecision
                        approveLabel={t('affiliate.approve')}
                        rejectLabel={t('affiliate.reject')}
                        approve={(body) => call(api.POST('/api/v1/admin/affiliate/applications/{id}/approve', { params: { path: { id: a.id } }, body }))}
                        reject={(body) => call(api.POST('/api/v1/admin/affiliate/applications/{id}/reject', { params: { path: { id: a.id } }, body }))}
                        onDone={refresh}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}

export function PromotersPage() {
  const { t } = useTranslation('admin');
  const list = useCursorList(['admin', 'promoters'], (cursor) => call(api.GET('/api/v1/admin/affiliate/promoters', { params: { query: { cursor, limit: 30 } } })));
  return (
    <>
      <PageHead title={t('affiliate.promoters')} />
      <CursorList query={list} empty={t('affiliate.noPromoters')}>
        {(items) => (
          <Table label={t('affiliate.promoters')}>
            <thead>
              <tr>
                <th>{t('customers.name')}</th>
                <th>{t('affiliate.level1')}</th>
                <th>{t('affiliate.level2')}</th>
                <th>{t('affiliate.frozen')}</th>
                <th>{t('affiliate.settled')}</th>
                <th>{t('affiliate.withdrawn')}</th>
                <th>{t('affiliate.pendingWithdrawals')}</th>
                <th>{t('affiliate.available')}</th>
                <th>{t('affiliate.since')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/customers/${p.userId}`}>{p.name}</Link>
                  </td>
                  <td className="num">{p.referees.level1}</td>
                  <td className="num">{p.referees.level2}</td>
                  <td className="num">{formatMoney(p.totals.frozen)}</td>
                  <td className="num">{formatMoney(p.totals.settled)}</td>
                  <td className="num">{formatMoney(p.totals.withdrawn)}</td>
                  <td className="num">{formatMoney(p.totals.pendingWithdrawals)}</td>
                  <td className="num strong">{formatMoney(p.totals.available)}</td>
                  <td className="nowrap">{formatDate(p.decidedAt ?? p.appliedAt)}</td>
                  <td>
                    <Link className="btn btn-ghost btn-small" to={`/promoters/withdrawals?promoter=${p.id}`}>
                      {t('affiliate.withdrawals')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}

const WITHDRAWAL_STATUSES = ['pending', 'paid', 'rejected'] as const;

export function WithdrawalsPage() {
  const { t } = useTranslation('admin');
  const promoterId = useSearchParams()[0].get('promoter') ?? '';
  const [status, setStatus] = useState<'' | (typeof WITHDRAWAL_STATUSES)[number]>(promoterId ? '' : 'pending');
  const list = useCursorList(['admin', 'withdrawals', status, promoterId], (cursor) =>
    call(api.GET('/api/v1/admin/affiliate/withdrawals', { params: { query: { status: status || undefined, promoterId: promoterId || undefined, cursor, limit: 30 } } })),
  );
  // Withdrawals carry only the promoter id: name them from the first page of promoters (100, most recent).
  const promoters = useQuery({ queryKey: ['admin', 'promoterNames'], queryFn: () => call(api.GET('/api/v1/admin/affiliate/promoters', { params: { query: { limit: 100 } } })), staleTime: 60_000 });
  const promoterName = (id: string) => promoters.data?.items.find((p) => p.id === id)?.name ?? shortId(id);
  const refresh = useRefresh(['admin', 'withdrawals'], ['admin', 'promoters']);
  return (
    <>
      <PageHead title={t('affiliate.withdrawals')}>{promoterId && <p className="muted">{t('affiliate.forPromoter', { id: promoterName(promoterId) })}</p>}</PageHead>
      <div className="filters">
        <StatusFilter label={t('orders.status')} statuses={WITHDRAWAL_STATUSES} value={status} onChange={setStatus} />
      </div>
      <CursorList query={list} empty={t('affiliate.noWithdrawals')}>
        {(items) => (
          <Table label={t('affiliate.withdrawals')}>
            <thead>
              <tr>
                <th>{t('affiliate.promoter')}</th>
                <th>{t('orders.amount')}</th>
                <th>{t('affiliate.fee')}</th>
                <th>{t('affiliate.net')}</th>
                <th>{t('orders.status')}</th>
                <th>{t('affiliate.requested')}</th>
                <ActionsHead />
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.id}>
                  <td>{promoterName(w.promoterId)}</td>
                  <td className="num">{formatMoney(w.amount)}</td>
                  <td className="num">{formatMoney(w.fee)}</td>
                  <td className="num strong">{formatMoney(w.net)}</td>
                  <td>
                    <StatusBadge status={w.status} />
                    {w.operatorNote && <div className="small muted">{w.operatorNote}</div>}
                  </td>
                  <td className="nowrap">{formatDateTime(w.requestedAt)}</td>
                  <td className="row nowrap">
                    {w.status === 'pending' && (
                      <NoteDecision
                        approveLabel={t('affiliate.markPaid')}
                        approveMessage={t('affiliate.payConfirm', { amount: formatMoney(w.net) })}
                        rejectLabel={t('affiliate.reject')}
                        rejectMessage={t('affiliate.rejectWithdrawal')}
                        approve={(body) => call(api.POST('/api/v1/admin/affiliate/withdrawals/{id}/approve', { params: { path: { id: w.id } }, body }))}
                        reject={(body) => call(api.POST('/api/v1/admin/affiliate/withdrawals/{id}/reject', { params: { path: { id: w.id } }, body }))}
                        onDone={refresh}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}

