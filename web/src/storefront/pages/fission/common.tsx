// Pieces every fission page shares: sign-in redirects, the pay hand-off, the delivery address an
// order needs, countdowns, avatars and progress bars.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, call, type paths } from '../../../shared/api';
import { formatCountdown, useCountdown } from '../../../shared/format';
import { Button, errorText, Sheet, TextField } from '../../../shared/ui';
import { useMe } from '../../auth';
import './fission.css';

/** The JSON body a GET route answers with. */
export type GetData<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer D } } } } } ? D : never;

/** Where to send a signed-out shopper: login, coming back to this very page (with its ?s=). */
export function useLoginRedirect() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;
  return {
    here,
    loginUrl: `/login?next=${encodeURIComponent(here)}`,
    signupUrl: `/signup?next=${encodeURIComponent(here)}`,
    // while the session is still loading we do not know yet: wait rather than send a signed-in shopper to login
    toLogin: () => {
      if (!me.isPending) navigate(`/login?next=${encodeURIComponent(here)}`);
    },
  };
}

export const payUrl = (orderId: string, next: string) => `/orders/${orderId}/pay?next=${encodeURIComponent(next)}`;

/** Error text for the fission pages: our own wording for the codes shoppers meet here, else the shared errors namespace. */
export function useFissionError() {
  const { t } = useTranslation('fission');
  return (err: unknown) => {
    if (err instanceof ApiError) {
      const own = t(`apiErrors.${err.code}`, { defaultValue: '', ...(err.details ?? {}) });
      if (own) return own;
    }
    return errorText(err, t);
  };
}

type Address = GetData<'/api/v1/me/addresses'>['items'][number];

/**
 * Orders need a delivery address. `withAddress(run)` runs `run(addressId)` with the shopper's default
 * address, or first asks for one in a sheet (saved to the account) when they have none.
 */
export function useAddress() {
  const client = useQueryClient();
  const me = useMe();
  const [pending, setPending] = useState<((addressId: string) => void) | null>(null);
  const addresses = useQuery({ queryKey: ['me', 'addresses'], queryFn: () => call(api.GET('/api/v1/me/addresses')), staleTime: 60_000, enabled: !!me.data });

  async function withAddress(run: (addressId: string) => void) {
    let items: Address[] | undefined = addresses.data?.items;
    if (!items) items = (await client.fetchQuery({ queryKey: ['me', 'addresses'], queryFn: () => call(api.GET('/api/v1/me/addresses')) })).items;
    const chosen = items.find((a) => a.isDefault) ?? items[0];
    if (chosen) run(chosen.id);
    else setPending(() => run);
  }

  const sheet = (
    <AddressSheet
      open={pending !== null}
      onClose={() => setPending(null)}
      onSaved={(id) => {
        const run = pending;
        setPending(null);
        void client.invalidateQueries({ queryKey: ['me', 'addresses'] });
        run?.(id);
      }}
    />
  );
  return { withAddress, sheet };
}

const ADDRESS_FIELDS = ['recipient', 'phone', 'province', 'city', 'district', 'line1'] as const;
type AddressForm = Record<(typeof ADDRESS_FIELDS)[number], string>;

function AddressSheet({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation('fission');
  const fissionError = useFissionError();
  const [form, setForm] = useState<AddressForm>({ recipient: '', phone: '', province: '', city: '', district: '', line1: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof AddressForm, string>>>({});
  const save = useMutation({
    mutationFn: () => call(api.POST('/api/v1/me/addresses', { body: { ...form, isDefault: true } })),
    onSuccess: (address) => onSaved(address.id),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: typeof errors = {};
    for (const key of ADDRESS_FIELDS) if (!form[key].trim()) next[key] = t('address.required');
    if (form.phone.trim() && !/^[0-9+\- ]{6,20}$/.test(form.phone.trim())) next.phone = t('address.phoneInvalid');
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate();
  }

  return (
    <Sheet open={open} onClose={onClose} title={t('address.title')}>
      <form onSubmit={submit} noValidate>
        <p className="fx-muted">{t('address.why')}</p>
        {ADDRESS_FIELDS.map((key) => (
          <TextField
            key={key}
            label={t(`address.${key}`)}
            value={form[key]}
            error={errors[key]}
            autoComplete={key === 'recipient' ? 'name' : key === 'phone' ? 'tel' : key === 'line1' ? 'street-address' : undefined}
            inputMode={key === 'phone' ? 'tel' : undefined}
            onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))}
          />
        ))}
        {save.isError && (
          <p className="field-error" role="alert">
            {fissionError(save.error)}
          </p>
        )}
        <Button type="submit" className="btn-block" busy={save.isPending}>
          {t('address.save')}
        </Button>
      </form>
    </Sheet>
  );
}

/** "Ends in 01:02:03", ticking. */
export function Countdown({ to, label, endedLabel }: { to: string | null | undefined; label?: string; endedLabel?: string }) {
  const { t } = useTranslation('fission');
  const ms = useCountdown(to);
  if (!to) return null;
  if (ms <= 0) return <span className="fx-countdown fx-countdown-ended">{endedLabel ?? t('ended')}</span>;
  return (
    <span className="fx-countdown">
      {label ?? t('endsIn')} <time dateTime={to}>{formatCountdown(ms)}</time>
    </span>
  );
}

export function Avatar({ initial, name, badge, muted }: { initial: string; name?: string; badge?: string; muted?: boolean }) {
  return (
    <span className={`fx-avatar ${muted ? 'fx-avatar-muted' : ''}`} title={name}>
      <span aria-hidden="true">{initial}</span>
      {badge && <span className="fx-avatar-badge">{badge}</span>}
    </span>
  );
}

export function ProgressBar({ value, max, label, text }: { value: number; max: number; label: string; text?: string }) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div className="fx-progress-wrap">
      <div className="fx-progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={text}>
        <div className="fx-progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {text && <span className="fx-progress-text">{text}</span>}
    </div>
  );
}

export function Thumb({ src, alt }: { src: string | null | undefined; alt: string }) {
  return src ? <img className="fx-thumb" src={src} alt={alt} loading="lazy" /> : <div className="fx-thumb fx-thumb-empty" aria-hidden="true" />;
}

/** The sticky bar above the tab bar with the page's main actions. */
export function ActionBar({ children }: { children: ReactNode }) {
  return <div className="fx-actionbar">{children}</div>;
}

export function Tabs<K extends string>({ tabs, value, onChange, label }: { tabs: { key: K; label: string }[]; value: K; onChange: (k: K) => void; label: string }) {
  return (
    <div className="fx-tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button key={tab.key} type="button" role="tab" aria-selected={value === tab.key} className={`fx-tab ${value === tab.key ? 'fx-tab-active' : ''}`} onClick={() => onChange(tab.key)}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}
