// The order page's review section: each line of a received order with "write a review" (a sheet
// with stars, text and up to 9 photos) or the state of the review already written.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../shared/api';
import { Button, Sheet, useErrorText, useToast } from '../../shared/ui';
import { useReviewsT } from './i18n';
import { reviewsKey, Stars } from './ProductReviews';
import './reviews.css';

const MAX_IMAGES = 9;
const TEXT_MAX = 2000;
type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';
const TYPES: ImageType[] = ['image/png', 'image/jpeg', 'image/webp'];

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

interface Line {
  lineId: string;
  productId: string;
  title: string;
  skuLabel: string;
  image: string | null;
}

function Composer({ orderId, line, onClose }: { orderId: string; line: Line; onClose: () => void }) {
  const { t } = useReviewsT();
  const client = useQueryClient();
  const toast = useToast();
  const errorText = useErrorText();
  const [rating, setRating] = useState(5);
  const [text, setText] = useState('');
  const [images, setImages] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const urls: string[] = [];
      for (const file of files.slice(0, MAX_IMAGES - images.length)) {
        const contentType = TYPES.find((x) => x === file.type);
        if (!contentType) continue;
        urls.push((await call(api.POST('/api/v1/reviews/images', { body: { contentType, dataBase64: await readBase64(file) } }))).url);
      }
      return urls;
    },
    onSuccess: (urls) => setImages((prev) => [...prev, ...urls].slice(0, MAX_IMAGES)),
    onError: (err) => setError(errorText(err)),
  });
  const post = useMutation({
    mutationFn: () => call(api.POST('/api/v1/reviews', { body: { orderId, lineId: line.lineId, rating, text: text.trim(), images } })),
    onSuccess: (review) => {
      toast(review.status === 'published' ? t('submitted') : t('submittedHeld'));
      void client.invalidateQueries({ queryKey: ['reviews', 'order', orderId] });
      void client.invalidateQueries({ queryKey: reviewsKey(line.productId) });
      onClose();
    },
    onError: (err) => setError(errorText(err)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!text.trim()) return setError(t('needText'));
    post.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={t('reviewTitle')}>
      <p><strong>{line.title}</strong> <span className="shop-muted">{line.skuLabel}</span></p>
      <fieldset>
        <legend>{t('rating')}</legend>
        <div className="rv-star-input">
          {[1, 2, 3, 4, 5].map((n) => (
            <button key={n} type="button" aria-pressed={n <= rating} aria-label={t('ratingN', { n })} onClick={() => setRating(n)}>★</button>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span>{t('text')}</span>
        <textarea name="text" rows={4} maxLength={TEXT_MAX} placeholder={t('textHint')} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('photos', { max: MAX_IMAGES })}</span>
        <input type="file" name="photos" accept={TYPES.join(',')} multiple disabled={images.length >= MAX_IMAGES || upload.isPending}
          onChange={(e) => { const files = [...(e.target.files ?? [])]; e.target.value = ''; if (files.length) upload.mutate(files); }} />
      </label>
      {upload.isPending && <p className="shop-muted">{t('uploading')}</p>}
      {images.length > 0 && (
        <div className="rv-images" data-testid="review-photos">
          {images.map((src) => (
            <span key={src} className="rv-photo">
              <img src={src} alt="" />
              <button type="button" aria-label={t('removePhoto')} onClick={() => setImages((prev) => prev.filter((x) => x !== src))}>×</button>
            </span>
          ))}
        </div>
      )}
      <p className="shop-muted small">{t('points')}</p>
      {error && <p role="alert" className="shop-error">{error}</p>}
      <Button type="submit" busy={post.isPending} disabled={upload.isPending}>{t('submit')}</Button>
    </form>
  );
}

/** Shown on an order page once the order is received (completed). */
export function OrderReviews({ orderId }: { orderId: string }) {
  const { t } = useReviewsT();
  const [writing, setWriting] = useState<Line | null>(null);
  const lines = useQuery({ queryKey: ['reviews', 'order', orderId], queryFn: () => call(api.GET('/api/v1/reviews/orders/{id}', { params: { path: { id: orderId } } })) });
  if (!lines.data) return null;
  return (
    <section className="card" aria-labelledby="od-reviews" data-testid="order-reviews">
      <h2 id="od-reviews" className="section-title">{t('section')}</h2>
      <p className="shop-muted small">{t('sectionHint')}</p>
      <ul className="rv-lines">
        {lines.data.lines.map((l) => (
          <li key={l.lineId} className="rv-line" data-line={l.lineId}>
            <span>{l.title} <span className="shop-muted">{l.skuLabel}</span></span>
            {l.review ? (
              <span>
                <Stars n={l.review.rating} />{' '}
                <span className="shop-muted">{l.review.status === 'published' ? t('reviewed') : l.review.status === 'held' ? t('held') : t('hidden')}</span>
              </span>
            ) : l.reviewable ? (
              <Button variant="secondary" onClick={() => setWriting(l)}>{t('write')}</Button>
            ) : null}
          </li>
        ))}
      </ul>
      <Sheet open={writing !== null} onClose={() => setWriting(null)} title={t('reviewTitle')}>
        {writing && <Composer orderId={orderId} line={writing} onClose={() => setWriting(null)} />}
      </Sheet>
    </section>
  );
}
