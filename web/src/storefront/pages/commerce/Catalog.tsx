// Category tree with the products of the chosen category, and search results.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, call } from '../../../shared/api';
import { QueryView, SelectField } from '../../../shared/ui';
import { PageHeader } from '../../layout';
import { track } from '../../track';
import { ProductGrid } from './components';
import { SearchBox } from './Home';

type Sort = 'newest' | 'price_asc' | 'price_desc';

export function CategoriesPage() {
  const { t, i18n } = useTranslation('shop');
  const [params, setParams] = useSearchParams();
  const tree = useQuery({ queryKey: ['catalog', 'categories'], queryFn: () => call(api.GET('/api/v1/catalog/categories')), staleTime: 300_000 });
  const name = (c: { name: string; nameEn: string }) => (i18n.language === 'en' ? c.nameEn || c.name : c.name);
  return (
    <>
      <PageHeader title={t('categories.title')} back={false} />
      <QueryView query={tree} isEmpty={(d) => d.items.length === 0} empty={t('categories.none')}>
        {(data) => {
          const topId = params.get('top') ?? data.items[0]?.id;
          const top = data.items.find((c) => c.id === topId) ?? data.items[0];
          const sub = params.get('sub');
          const subCat = top.children.find((c) => c.id === sub);
          return (
            <div className="shop-cats">
              <nav className="shop-cat-side" aria-label={t('categories.title')}>
                {data.items.map((c) => (
                  <button key={c.id} type="button" className={`shop-cat-btn ${c.id === top.id ? 'active' : ''}`} aria-pressed={c.id === top.id} onClick={() => setParams({ top: c.id }, { replace: true })}>
                    {name(c)}
                  </button>
                ))}
              </nav>
              <div className="shop-cat-main">
                <h2 className="shop-cat-heading">{name(subCat ?? top)}</h2>
                {top.children.length > 0 && (
                  <div className="row shop-subcats" role="group" aria-label={t('categories.sub')}>
                    <button type="button" className={`chip ${!subCat ? 'chip-active' : ''}`} aria-pressed={!subCat} onClick={() => setParams({ top: top.id }, { replace: true })}>
                      {t('categories.all')}
                    </button>
                    {top.children.map((c) => (
                      <button key={c.id} type="button" className={`chip ${c.id === subCat?.id ? 'chip-active' : ''}`} aria-pressed={c.id === subCat?.id} onClick={() => setParams({ top: top.id, sub: c.id }, { replace: true })}>
                        {name(c)}
                      </button>
                    ))}
                  </div>
                )}
                <ProductGrid categoryId={(subCat ?? top).id} empty={t('categories.empty')} />
              </div>
            </div>
          );
        }}
      </QueryView>
    </>
  );
}

export function SearchPage() {
  const { t } = useTranslation('shop');
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [sort, setSort] = useState<Sort>('newest');
  useEffect(() => (q ? track('search', { props: { query: q } }) : undefined), [q]);
  return (
    <>
      <PageHeader title={q ? t('search.titleFor', { q }) : t('search.title')} />
      <div className="shop-home-top">
        <SearchBox key={q} initial={q} />
      </div>
      <div className="shop-sortbar">
        <SelectField label={t('search.sort')} value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          <option value="newest">{t('search.sortNewest')}</option>
          <option value="price_asc">{t('search.sortPriceAsc')}</option>
          <option value="price_desc">{t('search.sortPriceDesc')}</option>
        </SelectField>
      </div>
      {q ? <ProductGrid q={q} sort={sort} empty={t('search.none', { q })} /> : <ProductGrid sort={sort} />}
    </>
  );
}
