// The compliance findings of a campaign as the launch review and the declaration page show them:
// each rule's outcome, its message and its source (law or platform policy, and the article).
import { useTranslation } from 'react-i18next';

export interface FindingView {
  check: string;
  severity: 'block' | 'warn' | 'info';
  message: string;
  details?: Record<string, unknown>;
}

const OUTCOME = { block: ['fail', 'bad'], warn: ['warn', 'warn'], info: ['pass', 'ok'] } as const;

export function sourceOf(f: FindingView): { law: string; article: string } | null {
  const s = f.details?.source as { law?: unknown; article?: unknown } | undefined;
  return s && typeof s.law === 'string' && typeof s.article === 'string' ? { law: s.law, article: s.article } : null;
}

export function FindingList({ findings, empty }: { findings: readonly FindingView[]; empty?: string }) {
  const { t, i18n } = useTranslation('admin');
  // A check that words its finding in Chinese too says so in details.messageZh (supply's stock check).
  const textOf = (f: FindingView) => (i18n.language.startsWith('zh') && typeof f.details?.messageZh === 'string' ? f.details.messageZh : f.message);
  // Failures first, then warnings, then what passed.
  const order = { block: 0, warn: 1, info: 2 };
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul className="cc-findings" data-testid="compliance-findings">
      {sorted.length === 0 && empty && <li>{empty}</li>}
      {sorted.map((f, i) => {
        const source = sourceOf(f);
        return (
          <li key={`${f.check}-${i}`} className={`cc-finding-${f.severity}`} data-check={f.check} data-severity={f.severity}>
            <span className={`status status-${OUTCOME[f.severity][1]}`}>{t(`compliance.outcome.${OUTCOME[f.severity][0]}`)}</span> {textOf(f)}
            {source && <div className="muted small">{t('compliance.source', source)}</div>}
          </li>
        );
      })}
    </ul>
  );
}
