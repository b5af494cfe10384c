// Building blocks every page uses, so loading, empty and error states look and read the same.
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from './api';
import { LANGS, switchLanguage, type Lang } from './i18n';

/** The human message for any error, in the current language. */
export function errorText(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    return t(`errors:${err.code}`, { defaultValue: t('errors:fallback', { message: err.message }), ...(err.details ?? {}) });
  }
  return t('errors:fallback', { message: err instanceof Error ? err.message : String(err) });
}

export function useErrorText() {
  const { t } = useTranslation();
  return (err: unknown) => errorText(err, t);
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

export function Empty({ children, action }: { children?: ReactNode; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="state state-empty">
      <p>{children ?? t('empty')}</p>
      {action}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      <p>{errorText(error, t)}</p>
      {onRetry && (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/**
 * Renders a react-query result: a spinner while loading (or `loading`, e.g. a list's skeleton rows),
 * a retryable error, an empty state, or the data.
 */
export function QueryView<T>({ query, isEmpty, empty, loading, children }: { query: UseQueryResult<T>; isEmpty?: (data: T) => boolean; empty?: ReactNode; loading?: ReactNode; children: (data: T) => ReactNode }) {
  if (query.isPending) return <>{loading ?? <Loading />}</>;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}

export function Button({ busy, variant = 'primary', children, className, disabled, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; variant?: 'primary' | 'secondary' | 'danger' | 'ghost' }) {
  return (
    <button type="button" {...rest} className={`btn btn-${variant} ${className ?? ''}`} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy && <span className="spinner spinner-small" aria-hidden="true" />}
      {children}
    </button>
  );
}

interface FieldProps {
  label: string;
  error?: string | null;
  hint?: string;
}

function FieldShell({ label, error, hint, id, children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && <small id={`${id}-hint`} className="field-hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="field-error" role="alert">{error}</small>}
    </div>
  );
}

const describedBy = (id: string, { error, hint }: FieldProps) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

export function TextField({ label, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { label, error, hint })} {...input} />
    </FieldShell>
  );
}

export function TextArea({ label, error, hint, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { label, error, hint })} {...input} />
    </FieldShell>
  );
}

export function SelectField({ label, error, hint, children, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { label, error, hint })} {...select}>
        {children}
      </select>
    </FieldShell>
  );
}

/** A modal dialog (bottom sheet on phones) on the native <dialog>: focus is trapped and Esc closes it. */
export function Sheet({ open, onClose, title, children }: { open: boolean; onClose: () => void; title: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { t } = useTranslation();
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="sheet" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <header className="sheet-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} aria-label={t('close')}>
          ✕
        </button>
      </header>
      {open && <div className="sheet-body">{children}</div>}
    </dialog>
  );
}

interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}
const ToastContext = createContext<(text: string, kind?: Toast['kind']) => void>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((text: string, kind: Toast['kind'] = 'info') => {
    const id = Date.now() + Math.random();
    setToasts((all) => [...all, { id, text, kind }]);
    setTimeout(() => setToasts((all) => all.filter((x) => x.id !== id)), 3500);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((x) => (
          <div key={x.id} className={`toast toast-${x.kind}`}>
            {x.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('language')}</span>
      <select aria-label={t('language')} value={i18n.language} onChange={(e) => switchLanguage(e.target.value as Lang)}>
        {LANGS.map((lang) => (
          <option key={lang} value={lang}>
            {lang === 'zh-CN' ? '中文' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}
