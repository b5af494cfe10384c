// Writing a note: title, text with #话题, up to 9 images (stored with the shop's media), up to 9
// tagged products; from an order (/notes/new?order={id}) it is a 晒单 and the order's products are
// tagged by the server.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { Button, TextArea, TextField, useErrorText, useToast } from '../../shared/ui';
import { RequireSignIn } from '../auth';
import { PageHeader } from '../layout';
import { useCommunityT } from './i18n';

const MAX = 9;
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

function Composer() {
  const { t } = useCommunityT();
  const navigate = useNavigate();
  const toast = useToast();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const orderId = params.get('order') ?? undefined;
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [images, setImages] = useState<string[]>([]);
  const [products, setProducts] = useState<{ id: string; title: string }[]>([]);
  const [q, setQ] = useState('');
  const search = useQuery({
    queryKey: ['community', 'product-search', q],
    queryFn: () => call(api.GET('/api/v1/catalog/products', { params: { query: { q, limit: 8 } } })),
    enabled: q.trim().length > 0,
  });
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const urls: string[] = [];
      for (const file of files) {
        const contentType = TYPES.find((x) => x === file.type);
        if (!contentType) continue;
        urls.push((await call(api.POST('/api/v1/community/images', { body: { contentType, dataBase64: await readBase64(file) } }))).url);
      }
      return urls;
    },
    onSuccess: (urls) => setImages((prev) => [...prev, ...urls].slice(0, MAX)),
    onError: (err) => toast(errorText(err), 'error'),
  });
  const publish = useMutation({
    mutationFn: () => call(api.POST('/api/v1/community/notes', { body: { title, text, images, productIds: products.map((p) => p.id), ...(orderId ? { orderId } : {}) } })),
    onSuccess: (note) => {
      toast(note.status === 'held' ? t('publishedHeld') : t('published'));
      navigate(`/notes/${note.id}`, { replace: true });
    },
    onError: (err) => toast(errorText(err), 'error'),
  });
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])].slice(0, MAX - images.length);
    e.target.value = '';
    if (files.length) upload.mutate(files);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    publish.mutate();
  };
  return (
    <form className="card cm-compose" onSubmit={submit}>
      {orderId && <p className="cm-banner">{t('orderTagged')}</p>}
      <TextField label={t('title')} required maxLength={60} value={title} onChange={(e) => setTitle(e.target.value)} />
      <TextArea label={t('text')} hint={t('textHint')} required maxLength={2000} rows={6} value={text} onChange={(e) => setText(e.target.value)} />
      <fieldset className="cm-fieldset">
        <legend>{t('images')}</legend>
        <ul className="cm-thumbs">
          {images.map((src) => (
            <li key={src}>
              <img src={src} alt="" className="cm-thumb" />
              <button type="button" className="btn btn-ghost cm-small" onClick={() => setImages((prev) => prev.filter((x) => x !== src))}>
                {t('removeImage')}
              </button>
            </li>
          ))}
        </ul>
        {images.length < MAX && (
          <label className="btn btn-secondary">
            {upload.isPending ? '…' : `+ ${t('addImage')}`}
            <input type="file" accept={TYPES.join(',')} multiple className="visually-hidden" onChange={pick} disabled={upload.isPending} />
          </label>
        )}
      </fieldset>
      <fieldset className="cm-fieldset">
        <legend>{t('products')}</legend>
        <div className="row">
          {products.map((p) => (
            <button key={p.id} type="button" className="chip chip-active" onClick={() => setProducts((prev) => prev.filter((x) => x.id !== p.id))}>
              {p.title} ✕
            </button>
          ))}
        </div>
        {products.length < MAX && (
          <>
            <TextField label={t('searchProducts')} value={q} onChange={(e) => setQ(e.target.value)} type="search" />
            <ul className="cm-search">
              {search.data?.items
                .filter((p) => !products.some((x) => x.id === p.id))
                .map((p) => (
                  <li key={p.id}>
                    <button type="button" className="btn btn-ghost" onClick={() => setProducts((prev) => [...prev, { id: p.id, title: p.title }].slice(0, MAX))}>
                      + {p.title} <span className="price">{formatMoney(p.price?.min)}</span>
                    </button>
                  </li>
                ))}
            </ul>
          </>
        )}
      </fieldset>
      <Button type="submit" className="btn-block" busy={publish.isPending} disabled={!title.trim() || !text.trim() || upload.isPending}>
        {t('publish')}
      </Button>
    </form>
  );
}

export function ComposerPage() {
  const { t } = useCommunityT();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title={params.get('order') ? t('composeOrder') : t('composeTitle')} />
      <RequireSignIn>
        <Composer />
      </RequireSignIn>
    </>
  );
}
