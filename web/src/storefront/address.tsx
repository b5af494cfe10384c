// The shopper's delivery addresses: one form for the address book, checkout and every one-tap
// campaign purchase (group buy, price-cut, flash sale), which asks for an address only when the
// shopper has none yet. The region comes from a picker over the national division data, and a
// pasted line ("张三 13800138000 浙江省杭州市西湖区…") fills the whole form at once.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../shared/api';
import { Button, ErrorState, Sheet, TextField, useToast } from '../shared/ui';
import { parseAddressText } from './address.parse';
import { RegionField, useLoadRegions } from './region-picker';

export type Address = { id: string; recipient: string; phone: string; province: string; city: string; district: string; line1: string; postalCode: string | null; isDefault: boolean };
export type AddressInput = { recipient: string; phone: string; province: string; city: string; district: string; line1: string; postalCode?: string; isDefault?: boolean };

export function useAddresses(enabled = true) {
  return useQuery({ queryKey: ['addresses'], queryFn: () => call(api.GET('/api/v1/me/addresses')), enabled });
}

export const addressLine = (a: Pick<Address, 'province' | 'city' | 'district' | 'line1'>) => `${a.province} ${a.city} ${a.district} ${a.line1}`;

const PHONE_RE = /^\+?\d{6,15}$/;
const FIELDS = ['recipient', 'phone', 'province', 'city', 'district', 'line1', 'postalCode'] as const;
type AddressField = (typeof FIELDS)[number];
const MAX: Record<AddressField, number> = { recipient: 40, phone: 20, province: 40, city: 40, district: 40, line1: 200, postalCode: 12 };

/** Add or edit an address; validates every field before calling onSubmit. */
export function AddressForm({ initial, onSubmit, onCancel, onInvalid, submitLabel, id }: { initial?: Address; onSubmit: (input: AddressInput) => Promise<unknown>; onCancel?: () => void; onInvalid?: () => void; submitLabel?: string; id?: string }) {
  const { t } = useTranslation('shop');
  const [values, setValues] = useState<Record<AddressField, string>>(() => ({
    recipient: initial?.recipient ?? '',
    phone: initial?.phone ?? '',
    province: initial?.province ?? '',
    city: initial?.city ?? '',
    district: initial?.district ?? '',
    line1: initial?.line1 ?? '',
    postalCode: initial?.postalCode ?? '',
  }));
  const [isDefault, setIsDefault] = useState(initial?.isDefault ?? false);
  const [errors, setErrors] = useState<Partial<Record<AddressField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const pasteId = useId();
  const [pasted, setPasted] = useState('');
  const [recognising, setRecognising] = useState(false);
  const loadRegions = useLoadRegions();
  const toast = useToast();

  async function recognise() {
    setRecognising(true);
    try {
      const found = parseAddressText(pasted, await loadRegions());
      const filled = Object.fromEntries(Object.entries(found).filter(([, v]) => v !== '')) as Partial<Record<AddressField, string>>;
      if (Object.keys(filled).length === 0) return void toast(t('address.notRecognised'), 'error');
      setValues((v) => ({ ...v, ...filled }));
      setErrors({});
      toast(t('address.recognised'));
    } catch (err) {
      setFailure(err);
    } finally {
      setRecognising(false);
    }
  }

  function validate() {
    const next: Partial<Record<AddressField, string>> = {};
    for (const f of FIELDS) {
      const v = values[f].trim();
      if (!v && f !== 'postalCode') next[f] = t('validation.required');
      else if (v.length > MAX[f]) next[f] = t('validation.tooLong', { max: MAX[f] });
    }
    if (!next.phone && !PHONE_RE.test(values.phone.replace(/[\s\-()]/g, ''))) next.phone = t('validation.phone');
    if (!next.postalCode && values.postalCode.trim() && !/^\d{4,10}$/.test(values.postalCode.trim())) next.postalCode = t('validation.postalCode');
    return next;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length) {
      onInvalid?.();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const postal = values.postalCode.trim();
      await onSubmit({
        recipient: values.recipient.trim(),
        phone: values.phone.replace(/[\s\-()]/g, ''),
        province: values.province.trim(),
        city: values.city.trim(),
        district: values.district.trim(),
        line1: values.line1.trim(),
        ...(postal ? { postalCode: postal } : {}),
        isDefault,
      });
    } catch (err) {
      setFailure(err);
      onInvalid?.();
    } finally {
      setBusy(false);
    }
  }

  const field = (f: AddressField, extra: Record<string, string> = {}) => (
    <TextField
      label={t(`address.${f}`)}
      value={values[f]}
      error={errors[f]}
      maxLength={MAX[f] + 20}
      onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
      {...extra}
    />
  );

  return (
    <form id={id} className="shop-address-form" onSubmit={submit} noValidate>
      <div className="shop-paste">
        <label htmlFor={pasteId} className="field-label">
          {t('address.paste')}
        </label>
         <textarea id={pasteId} aria-describedby={`${pasteId}-hint`} placeholder={t('address.pastePlaceholder')} value={pasted} maxLength={400} onChange={(e) => setPasted(e.target.value)} />
        <div className="shop-paste-row">
          <small id={`${pasteId}-hint`} className="shop-muted">
            {t('address.pasteLabel')}
          </small>
          <Button variant="secondary" busy={recognising} disabled={!pasted.trim()} onClick={() => void recognise()}>
            {t('address.recognise')}
          </Button>
        </div>
      </div>
      {field('recipient', { autoComplete: 'name' })}
      {field('phone', { autoComplete: 'tel', inputMode: 'tel' })}
      <RegionField
        value={{ province: values.province, city: values.city, district: values.district }}
        error={errors.province ?? errors.city ?? errors.district}
        onChange={(region) => {
          setValues((v) => ({ ...v, ...region }));
          setErrors((e) => ({ ...e, province: undefined, city: undefined, district: undefined }));
        }}
      />
      {field('line1', { autoComplete: 'street-address' })}
      {field('postalCode', { autoComplete: 'postal-code', inputMode: 'numeric' })}
      <label className="shop-check">
        <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
        {t('address.makeDefault')}
      </label>
      {failure != null && <ErrorState error={failure} />}
      <div className="row shop-form-actions">
        <Button type="submit" busy={busy}>
          {submitLabel ?? t('address.save')}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            {t('common:cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}


/**
 * `withAddress(run)` runs `run(addressId)` with the shopper's default address; a shopper without
 * one first fills the address form in a sheet (saved as the default), then `run` goes on.
 * Render `sheet` once in the page.
 */
export function useAddressGate() {
  const { t } = useTranslation('shop');
  const client = useQueryClient();
  const [pending, setPending] = useState<((addressId: string) => unknown) | null>(null);

  async function withAddress(run: (addressId: string) => unknown) {
    const list = await client.fetchQuery({ queryKey: ['addresses'], queryFn: () => call(api.GET('/api/v1/me/addresses')) });
    const address = list.items.find((a) => a.isDefault) ?? list.items[0];
    if (address) return void (await run(address.id));
    setPending(() => run);
  }

  async function create(input: AddressInput) {
    const address = await call(api.POST('/api/v1/me/addresses', { body: { ...input, isDefault: true } }));
    await client.invalidateQueries({ queryKey: ['addresses'] });
    const run = pending;
    setPending(null);
    if (run) await run(address.id);
  }

  const close = () => setPending(null);
  const sheet = (
    <Sheet open={pending !== null} onClose={close} title={t('address.addTitle')}>
      <p className="shop-muted">{t('address.needOne')}</p>
      <AddressForm onSubmit={create} onCancel={close} />
    </Sheet>
  );
  return { withAddress, sheet };
}
