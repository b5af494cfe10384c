// Stock levels (scarcest first) and one SKU's movements with adjustments and stock counts.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { QueryView, TextField } from '../../shared/ui';
import { ActionButton, BackLink, CursorList, PageHead, Stat, Table, parseInteger, useCursorList, useDebounced, useRefresh } from '../kit';

export function InventoryPage() {
  const { t } = useTranslation('admin');
  const [lowStock, setLowStock] = useState(false);
  const [threshold, setThreshold] = useState('10');
  const th = useDebounced(parseInteger(threshold));
  const validThreshold = th !== null && th >= 0;
  const list = useCursorList(['admin', 'inventory', lowStock, validThreshold ? th : 10], (cursor) =>
    call(api.GET('/api/v1/admin/inventory', { params: { query: { lowStock: lowStock || undefined, threshold: lowStock && validThreshold ? th : undefined, cursor, limit: 50 } } })),
  );
  return (
    <>
      <PageHead title={t('stock.title')} />
      <div className="filters">
        <label className="check">
          <input type="checkbox" checked={lowStock} onChange={(e) => setLowStock(e.target.checked)} />
          {t('stock.lowOnly')}
        </label>
        {lowStock && (
          <TextField label={t('stock.threshold')} inputMode="numeric" value={threshold} onChange={(e) => setThreshold(e.target.value)} error={validThreshold ? undefined : t('stock.thresholdInvalid')} />
        )}
      </div>
      <CursorList query={list} empty={t('stock.empty')}>
        {(items) => (
          <Table label={t('stock.title')}>
            <thead>
              <tr>
                <th>{t('products.product')}</th>
                <th>{t('sku.code')}</th>
                <th>{t('stock.onHand')}</th>
                <th>{t('stock.reserved')}</th>
                <th>{t('stock.available')}</th>
                <th>{t('stock.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.skuId} className={s.available <= 0 ? 'row-alert' : undefined}>
                  <td>
                    <Link to={`/inventory/${s.skuId}`}>{s.productTitle ?? s.skuId}</Link>
                    {s.skuLabel && <div className="muted small">{s.skuLabel}</div>}
                  </td>
                  <td className="mono">{s.code}</td>
                  <td className="num">{s.onHand}</td>
                  <td className="num">{s.reserved}</td>
                  <td className="num strong">{s.available}</td>
                  <td className="nowrap">{formatDateTime(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CursorList>
    </>
  );
}

export function StockDetailPage() {
  const { skuId = '' } = useParams();
  const { t } = useTranslation('admin');
  const stock = useQuery({ queryKey: ['admin', 'stock', skuId], queryFn: () => call(api.GET('/api/v1/admin/inventory/{skuId}', { params: { path: { skuId } } })) });
  const refresh = useRefresh(['admin', 'stock', skuId], ['admin', 'inventory'], ['admin', 'product']);
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [count, setCount] = useState('');
  const [errors, setErrors] = useState<{ delta?: string; reason?: string; count?: string }>({});
  return (
    <QueryView query={stock}>
      {({ level, movements }) => (
        <>
          <PageHead title={level.productTitle ?? t('stock.sku')} actions={<BackLink to="/inventory" />}>
            <p className="muted">
              {level.skuLabel} · <span className="mono">{level.code}</span>
              {level.productId && (
                <>
                  {' · '}
                  <Link to={`/products/${level.productId}`}>{t('stock.toProduct')}</Link>
                </>
              )}
            </p>
          </PageHead>
          <div className="stats">
            <Stat label={t('stock.onHand')} value={level.onHand} />
            <Stat label={t('stock.reserved')} value={level.reserved} />
            <Stat label={t('stock.available')} value={level.available} />
          </div>
          <div className="row section-actions">
            <ActionButton
              label={t('stock.adjust')}
              variant="primary"
              onOpen={() => {
                setDelta('');
                setReason('');
                setErrors({});
              }}
              validate={() => {
                const d = parseInteger(delta);
                const e: typeof errors = {};
                if (d === null || d === 0 || Math.abs(d) > 100_000_000) e.delta = t('stock.deltaInvalid');
                else if (level.onHand + d < level.reserved) e.delta = level.reserved > 0 ? t('stock.belowReserved', { reserved: level.reserved }) : t('stock.belowZero', { onHand: level.onHand });
                if (!reason.trim()) e.reason = t('stock.reasonRequired');
                setErrors(e);
                return Object.keys(e).length === 0;
              }}
              run={async () => {
                await call(api.POST('/api/v1/admin/inventory/{skuId}/adjustments', { params: { path: { skuId } }, body: { delta: parseInteger(delta)!, reason: reason.trim() } }));
                await refresh();
              }}
              done={t('stock.adjusted')}
            >
              <TextField label={t('stock.delta')} inputMode="numeric" value={delta} onChange={(e) => setDelta(e.target.value)} error={errors.delta} hint={t('stock.deltaHint')} />
              <TextField label={t('stock.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} maxLength={200} />
            </ActionButton>
            <ActionButton
              label={t('stock.setCount')}
              onOpen={() => {
                setCount(String(level.onHand));
                setErrors({});
              }}
              validate={() => {
                const n = parseInteger(count);
                const e: typeof errors = {};
                if (n === null || n < 0 || n > 100_000_000) e.count = t('stock.countInvalid');
                else if (n < level.reserved) e.count = t('stock.belowReserved', { reserved: level.reserved });
                setErrors(e);
                return Object.keys(e).length === 0;
              }}
              run={async () => {
                await call(api.PUT('/api/v1/admin/inventory/{skuId}', { params: { path: { skuId } }, body: { onHand: parseInteger(count)! } }));
                await refresh();
              }}
              done={t('stock.adjusted')}
            >
              <TextField label={t('stock.counted')} inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} error={errors.count} />
            </ActionButton>
          </div>
          <h2>{t('stock.movements')}</h2>
          {movements.length === 0 ? (
            <p className="muted">{t('stock.noMovements')}</p>
          ) : (
            <Table label={t('stock.movements')}>
              <thead>
                <tr>
                  <th>{t('stock.at')}</th>
                  <th>{t('stock.deltaOnHand')}</th>
                  <th>{t('stock.deltaReserved')}</th>
                  <th>{t('stock.reason')}</th>
                  <th>{t('stock.ref')}</th>
                </tr>
              </thead>
              <tbody>
                {movements.map((m) => (
                  <tr key={m.id}>
                    <td className="nowrap">{formatDateTime(m.at)}</td>
                    <td className="num">{signed(m.deltaOnHand)}</td>
                    <td className="num">{signed(m.deltaReserved)}</td>
                    <td>{m.reason}</td>
                    <td className="mono small">{m.ref}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </>
      )}
    </QueryView>
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
