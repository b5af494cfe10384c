// The rules a variant may change on the chosen campaign, as labelled number inputs: the server
// lists them per mechanic (with bounds and the campaign's own value), and "Use these values"
// writes a control (the campaign as it is) and a treatment with the values entered into the
// variants JSON, which stays editable for more variants or other splits.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { Button, TextField } from '../../shared/ui';
import './i18n';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The two-variant JSON for these treatment values (blank inputs leave the campaign's rule). */
export function twoVariants(values: Record<string, string>, names: { control: string; treatment: string }): string {
  const config = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, Number(v)]));
  return JSON.stringify(
    [
      { key: 'control', name: names.control, weight: 50, isControl: true, config: {} },
      { key: 'treatment', name: names.treatment, weight: 50, isControl: false, config },
    ],
    null,
    2,
  );
}

export function VariantKeys({ campaignId, onUse }: { campaignId: string; onUse: (json: string) => void }) {
  const { t, i18n } = useTranslation('experiments');
  const id = campaignId.trim();
  const [values, setValues] = useState<Record<string, string>>({});
  const keys = useQuery({
    queryKey: ['experiments', 'variant-keys', id],
    enabled: UUID.test(id),
    queryFn: () => call(api.GET('/api/v1/admin/experiments/variant-keys', { params: { query: { campaignId: id } } })),
  });
  if (!UUID.test(id) || !keys.data) return null;
  if (keys.data.keys.length === 0) return <p className="muted small">{t('keys.none')}</p>;
  const zh = i18n.language.startsWith('zh');
  return (
    <fieldset className="stack" aria-label={t('keys.title')}>
      <legend>{t('keys.title')}</legend>
      <p className="muted small">{t('keys.hint')}</p>
      <div className="row">
        {keys.data.keys.map((k) => (
          <TextField
            key={k.key}
            label={`${zh ? k.zh : k.en} (${k.key})`}
            hint={t('keys.bounds', { min: k.min, max: k.max, base: k.base })}
            name={`variant-${k.key}`}
            type="number"
            min={k.min}
            max={k.max}
            step={1}
            value={values[k.key] ?? ''}
            onChange={(e) => setValues({ ...values, [k.key]: e.target.value })}
          />
        ))}
      </div>
      <div className="row">
        <Button type="button" onClick={() => onUse(twoVariants(values, { control: t('keys.control'), treatment: t('keys.treatment') }))}>{t('keys.use')}</Button>
      </div>
    </fieldset>
  );
}
