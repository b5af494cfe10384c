// The promoter centre's overview: links, the products to promote with their picture and what the
// promoter earns on each (赚 ¥x, by the rates a paid order would book), and the approval notice.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { formatDate, formatMoney, localText } from '../../../shared/format';
import { Button, QueryView } from '../../../shared/ui';
import { ShareButton } from '../../share/ShareSheet';
import { Thumb, type GetData } from './common';

type Centre = GetData<'/api/v1/affiliate/me'>;

/**
 * 申请已通过: a notice the first time the promoter opens the centre after approval (remembered per
 * application on this device), and the approval date as a standing status line after that.
 */
export function ApprovedNotice({ centre }: { centre: Centre }) {
  const { t } = useTranslation('fission');
  const seenKey = `fission.promoter.approvedSeen.${centre.applicationId ?? ''}`;
  const [seen, setSeen] = useState(() => {
    try {
      return localStorage.getItem(seenKey) === '1';
    } catch {
      return false;
    }
  });
  if (!centre.approvedAt) return null;
  const date = formatDate(centre.approvedAt);
  const dismiss = () => {
    try {
      localStorage.setItem(seenKey, '1');
    } catch {
      // not remembered: the notice shows again next time
    }
    setSeen(true);
  };
  if (seen) return <p className="fx-small fx-muted fx-promo-status">✓ {t('teams.promoter.approvedStatus', { date })}</p>;
  return (
    <section className="card fx-promo-approved" role="status" aria-labelledby="promo-approved">
      <h2 id="promo-approved" className="fx-section-title">
        {t('teams.promoter.approvedTitle')}
      </h2>
      <p className="fx-small">{t('teams.promoter.approvedText', { date })}</p>
      <Button variant="secondary" onClick={dismiss}>
        {t('teams.promoter.dismiss')}
      </Button>
    </section>
  );
}

export function Overview({ centre }: { centre: Centre }) {
  const { t } = useTranslation('fission');
  const products = useQuery({ queryKey: ['affiliate', 'products'], queryFn: () => call(api.GET('/api/v1/affiliate/me/products', { params: { query: { limit: 10 } } })) });
  const target = centre.link?.inviteTarget;
  return (
    <>
      <section className="card" aria-labelledby="promo-links">
        <h2 id="promo-links" className="fx-section-title">
          {t('promoter.links')}
        </h2>
        <p className="fx-small fx-muted">{t('promoter.linksText')}</p>
        <p className="fx-small">{t('promoter.refereeCounts', { l1: centre.referees.level1, l2: centre.referees.level2 })}</p>
        {target && (target.type === 'invite' || target.type === 'product') && <ShareButton target={{ type: target.type, id: target.id }} label={t('promoter.shareInvite')} className="btn-block" />}
      </section>
      <section className="card" aria-labelledby="promo-products">
        <h2 id="promo-products" className="fx-section-title">
          {t('promoter.products')}
        </h2>
        <p className="fx-small fx-muted">{t('teams.promoter.estimateNote')}</p>
        <QueryView query={products} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <ul className="fx-list">
              {d.items.map((p) => (
                <li key={p.productId} className="fx-promo-product">
                  <Link to={`/product/${p.productId}`} className="fx-promo-thumb" tabIndex={-1} aria-hidden="true">
                    <Thumb src={p.image} alt="" />
                  </Link>
                  <span className="fx-line-main">
                    <Link to={`/product/${p.productId}`}>
                      <strong>{localText(p.title, p.titleEn)}</strong>
                    </Link>
                    <span className="price fx-small">{formatMoney(p.price)}</span>
                    <span className="fx-promo-earn">
                      <strong>{t('teams.promoter.earn', { amount: formatMoney(p.estimatedCommission) })}</strong>
                      <span className="fx-small fx-muted"> · {t('teams.promoter.rate', { rate: (p.rateBp / 100).toFixed(p.rateBp % 100 === 0 ? 0 : 1) })}</span>
                    </span>
                  </span>
                  <ShareButton target={{ type: 'product', id: p.productId }} label={t('promoter.promote')} />
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </section>
    </>
  );
}
