// Shared bits of the moderation screens: query keys, reason chips and the sentiment figure.
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../shared/format';

export const QUEUE = ['moderation', 'queue'] as const;
export const WORDS = ['moderation', 'words'] as const;
export const ALERTS = ['moderation', 'alerts'] as const;
export const REVIEWS = ['moderation', 'reviews'] as const;

export function Reasons({ reasons }: { reasons: { code: string; words?: string[] }[] }) {
  const { t } = useTranslation('moderation');
  return (
    <span className="row wrap">
      {reasons.map((r) => (
        <span key={r.code} className="status status-warn" data-reason={r.code}>
          {t(`reason.${r.code}`, { defaultValue: r.code })}{r.words?.length ? `：${r.words.join('、')}` : ''}
        </span>
      ))}
    </span>
  );
}

/** -1..1 as a signed figure, red when negative. */
export function Sentiment({ value }: { value: number }) {
  return <span className={value < -0.1 ? 'status status-bad' : value > 0.1 ? 'status status-ok' : 'muted'}>{value.toFixed(2)}</span>;
}

export const percent = (x: number) => formatPercent(x);
