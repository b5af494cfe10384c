// 猜你喜欢 on the home, product and cart pages: GET /api/v1/recommendations for the page's
// context, each card with why it is there (viewed, in your cart, friends bought, best seller).
// A shopper who turned personalisation off (我的 → 隐私) sees best sellers, labelled as such.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { localText } from '../../../shared/format';
import { Price } from '../commerce/components';
import { useRecommendT } from './i18n';

type Context = 'home' | 'product' | 'cart';

export function Recommended({ context, productId, limit = 6 }: { context: Context; productId?: string; limit?: number }) {
  const { t } = useRecommendT();
  const query = useQuery({
    queryKey: ['recommendations', context, productId ?? null, limit],
    queryFn: () => call(api.GET('/api/v1/recommendations', { params: { query: { context, productId, limit } } })),
    enabled: context !== 'product' || !!productId,
    staleTime: 60_000,
  });
  // A side section: when it fails or has nothing, the page is complete without it.
  if (query.isError || (query.data && query.data.items.length === 0)) return null;
  const titleId = `reco-${context}`;
  return (
    <section aria-labelledby={titleId} className="shop-section-plain">
      <h2 id={titleId} className="shop-reco-title">
        {t('title')}
      </h2>
      {query.data && <p className="shop-reco-hint">{t(query.data.personalised ? 'hint.personal' : 'hint.popular')}</p>}
      <ul className="shop-grid" aria-busy={query.isPending || undefined} aria-label={query.isPending ? t('loading') : undefined}>
        {query.isPending
          ? Array.from({ length: 2 }, (_, i) => (
              <li key={i} className="shop-card" aria-hidden="true">
                <span className="shop-card-img shop-skel" />
                <span className="shop-skel shop-skel-line" />
              </li>
            ))
          : query.data.items.map((item) => {
              const title = localText(item.title, item.titleEn);
              const because = item.reason.productTitle ? localText(item.reason.productTitle, item.reason.productTitleEn) : null;
              const reason =
                item.reason.kind === 'friends_bought'
                  ? t('reason.friends_bought', { count: item.reason.friends })
                  : item.reason.kind === 'popular'
                    ? t('reason.popular')
                    : because
                      ? t(`reason.${item.reason.kind}`, { title: because })
                      : t('reason.because_viewed_plain');
              return (
                <li key={item.productId} className="shop-card">
                  <Link to={`/product/${item.productId}`} className="shop-card-link">
                    {item.image ? <img src={item.image} alt={title} loading="lazy" className="shop-card-img" /> : <div className="shop-card-img shop-noimg" aria-hidden="true" />}
                    <span className="shop-card-title">{title}</span>
                    <span className="shop-card-sub">{reason}</span>
                    <Price money={item.price} className="shop-card-price" />
                  </Link>
                </li>
              );
            })}
      </ul>
    </section>
  );
}
