// The product page's reviews: average rating, star distribution, and reviews with photos first,
// each with its verified-purchase badge, the store's reply and a "helpful" button.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, type paths } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, useErrorText, useToast } from '../../shared/ui';
import { useLoginRedirect } from '../navigation';
import { useReviewsT } from './i18n';
import './reviews.css';

type ReviewsPage = paths['/api/v1/products/{id}/reviews']['get']['responses'][200]['content']['application/json'];
type Review = ReviewsPage['items'][number];

export const reviewsKey = (productId: string) => ['reviews', 'product', productId] as const;

export const Stars = ({ n }: { n: number }) => (
  <span className="rv-stars" aria-hidden="true">
    {'★'.repeat(Math.round(n))}
    {'☆'.repeat(5 - Math.round(n))}
  </span>
);

function Summary({ summary }: { summary: ReviewsPage['summary'] }) {
  const { t } = useReviewsT();
  return (
    <div className="rv-summary" data-testid="review-summary">
      <div>
        <div className="rv-average" data-testid="review-average">{summary.average === null ? '–' : summary.average.toFixed(1)}</div>
        {summary.average !== null && <Stars n={summary.average} />}
        <div className="shop-muted">{t('count', { count: summary.count })}</div>
      </div>
      <div className="rv-dist" role="list" aria-label={t('title')}>
        {(['5', '4', '3', '2', '1'] as const).map((star) => (
          <div key={star} role="listitem" style={{ display: 'contents' }} data-star={star}>
            <span>{t('stars', { n: star })}</span>
            <span className="rv-bar"><span style={{ width: `${summary.count ? (summary.distribution[star] / summary.count) * 100 : 0}%` }} /></span>
            <span>{summary.distribution[star]}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

function Item({ review, productId }: { review: Review; productId: string }) {
  const { t } = useReviewsT();
  const client = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const { withSignIn } = useLoginRedirect();
  const helpful = useMutation({
    mutationFn: () => call(api.POST('/api/v1/reviews/{id}/helpful', { params: { path: { id: review.id } } })),
    onSuccess: () => {
      toast(t('helpfulDone'));
      void client.invalidateQueries({ queryKey: reviewsKey(productId) });
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  return (
    <li className="rv-item" data-review={review.id}>
      <div className="rv-head">
        <strong>{review.author}</strong>
        <Stars n={review.rating} />
        {review.verifiedPurchase && <span className="rv-badge">{t('verified')}</span>}
        <span className="shop-muted">{review.skuLabel}</span>
      </div>
      <p className="rv-text">{review.text}</p>
      {review.images.length > 0 && (
        <div className="rv-images">
          {review.images.map((src) => <a key={src} href={src} target="_blank" rel="noreferrer"><img src={src} alt="" loading="lazy" /></a>)}
        </div>
      )}
      {review.reply && <p className="rv-reply">{t('reply')}{review.reply.text}</p>}
      <div className="rv-foot">
        <span>{formatDateTime(review.createdAt)}</span>
        <Button variant="ghost" busy={helpful.isPending} onClick={() => void withSignIn(() => helpful.mutate())}>
          {t('helpful', { n: review.helpful })}
        </Button>
      </div>
    </li>
  );
}

export function ProductReviews({ productId }: { productId: string }) {
  const { t } = useReviewsT();
  const query = useInfiniteQuery({
    queryKey: reviewsKey(productId),
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/products/{id}/reviews', { params: { path: { id: productId }, query: { limit: 5, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card shop-section" aria-labelledby="pd-reviews" data-testid="product-reviews">
      <h2 id="pd-reviews" className="section-title">
        {t('title')}
        {first && first.summary.withImages > 0 && <span className="shop-muted"> · {t('withImages', { n: first.summary.withImages })}</span>}
      </h2>
      {first && <Summary summary={first.summary} />}
      {first && items.length === 0 && <p className="shop-muted">{t('none')}</p>}
      <ul className="rv-list">
        {items.map((r) => <Item key={r.id} review={r} productId={productId} />)}
      </ul>
      {query.hasNextPage && (
        <Button variant="secondary" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t('more')}
        </Button>
      )}
    </section>
  );
}
