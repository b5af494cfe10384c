// Funnels: the operator picks 2–6 ordered events, a conversion window and the usual filters, and
// sees each step's people, conversion from the start and from the previous step, drop-off and the
// median time between steps (PostHog's ordered-funnel semantics, computed by the API).
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { Button, QueryView, SelectField, TextField } from '../../shared/ui';
import { Chart, type ChartOption } from '../charts';
import { PageHead, Section, SmallButton, Stats } from '../campaigns/common';
import { AXIS_LABEL, count, CsvLink, duration, FilterBar, percent, pick, ReportTable, useReportFilters } from './common';

const MIN_STEPS = 2;
const MAX_STEPS = 6;
const DEFAULT_STEPS = ['product_view', 'add_to_cart', 'checkout_started', 'order.paid'];

interface Funnel {
  steps: string[];
  windowDays: number;
}

export function FunnelPage() {
  const { t, i18n } = useTranslation('analytics');
  const { filters } = useReportFilters();
  const [draft, setDraft] = useState<string[]>(DEFAULT_STEPS);
  const [windowText, setWindowText] = useState('7');
  const [errors, setErrors] = useState<{ steps?: number[]; window?: string }>({});
  const [applied, setApplied] = useState<Funnel>({ steps: DEFAULT_STEPS, windowDays: 7 });
  const scope = pick(filters, ['from', 'to', 'campaignId', 'channel'] as const);
  const query = { ...scope, steps: applied.steps.join(','), windowDays: applied.windowDays };
  // The names the log holds, from the server (the API refuses others).
  const eventNames = useQuery({
    queryKey: ['admin', 'analytics', 'event-names'],
    queryFn: () => call(api.GET('/api/v1/admin/analytics/event-names')),
    staleTime: Infinity,
  });
  const names = eventNames.data ? [...eventNames.data.client, ...eventNames.data.server] : DEFAULT_STEPS;
  const report = useQuery({
    queryKey: ['admin', 'analytics', 'funnel', query],
    queryFn: () => call(api.GET('/api/v1/admin/analytics/funnel', { params: { query } })),
  });

  function run(e: FormEvent) {
    e.preventDefault();
    const missing = draft.flatMap((s, i) => (s ? [] : [i]));
    const windowDays = /^\d{1,2}$/.test(windowText.trim()) ? Number(windowText) : NaN;
    const windowError = windowDays >= 1 && windowDays <= 90 ? undefined : t('funnel.windowError');
    setErrors({ steps: missing, window: windowError });
    if (missing.length === 0 && !windowError) setApplied({ steps: [...draft], windowDays });
  }

  const setStep = (i: number, name: string) => setDraft((d) => d.map((s, j) => (j === i ? name : s)));
  const eventLabel = (name: string) => `${t(`event.${name}`, { defaultValue: name })} (${name})`;

  return (
    <div className="cc-page">
      <PageHead title={t('funnel.title')} />
      <FilterBar show={['campaignId', 'channel']} />
      <Section title={t('funnel.build')}>
        <form onSubmit={run} noValidate>
          <p className="cc-muted">{t('funnel.stepsHint')}</p>
          <div className="an-steps">
            {draft.map((step, i) => (
              <div className="an-step" key={i}>
                <SelectField label={t('funnel.step', { n: i + 1 })} value={step} error={errors.steps?.includes(i) ? t('funnel.stepError') : undefined} onChange={(e) => setStep(i, e.target.value)}>
                  <option value="">—</option>
                  {names.map((n) => (
                    <option key={n} value={n}>
                      {eventLabel(n)}
                    </option>
                  ))}
                </SelectField>
                {draft.length > MIN_STEPS && (
                  <SmallButton variant="ghost" aria-label={t('funnel.removeStep', { n: i + 1 })} onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}>
                    ✕
                  </SmallButton>
                )}
              </div>
            ))}
            {draft.length < MAX_STEPS && (
              <SmallButton variant="secondary" onClick={() => setDraft((d) => [...d, ''])}>
                {t('funnel.addStep')}
              </SmallButton>
            )}
          </div>
          <div className="an-steps">
            <TextField label={t('funnel.window')} inputMode="numeric" value={windowText} error={errors.window} onChange={(e) => setWindowText(e.target.value)} />
            <Button type="submit">{t('funnel.run')}</Button>
          </div>
        </form>
      </Section>
      <QueryView query={report}>
        {(r) => {
          const first = r.steps[0]?.count ?? 0;
          const last = r.steps[r.steps.length - 1]?.count ?? 0;
          const names = r.steps.map((s, i) => `${i + 1}. ${t(`event.${s.name}`, { defaultValue: s.name })}`);
          const chart: ChartOption = {
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            grid: { left: 150, right: 48, top: 16, bottom: 24 },
            xAxis: { type: 'value', axisLabel: AXIS_LABEL },
            yAxis: { type: 'category', inverse: true, data: names, axisLabel: AXIS_LABEL },
            series: [
              {
                type: 'bar',
                name: t('funnel.col.count'),
                data: r.steps.map((s) => s.count),
                itemStyle: { color: '#d5281f' },
                barMaxWidth: 36,
                label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => `${count(r.steps[p.dataIndex]!.count)} · ${percent(r.steps[p.dataIndex]!.conversionFromStart)}` },
              },
            ],
          };
          return (
            <>
              <p className="an-range">{t('range', { from: r.from, to: r.to })}</p>
              <Stats
                items={[
                  { label: t('funnel.entered'), value: count(first) },
                  { label: t('funnel.completed'), value: count(last) },
                  { label: t('funnel.overall'), value: percent(first ? last / first : null) },
                ]}
              />
              <Section title={t('funnel.chart')}>
                <Chart option={chart} height={Math.max(200, 56 * r.steps.length)} label={t('funnel.chart')} />
              </Section>
              <Section title={t('funnel.title')} actions={<CsvLink report="funnel" query={query} />}>
                <ReportTable
                  caption={t('funnel.title')}
                  columns={[
                    { label: t('funnel.col.step') },
                    { label: t('funnel.col.event') },
                    { label: t('funnel.col.count'), numeric: true },
                    { label: t('funnel.col.fromStart'), numeric: true, note: t('funnel.note.fromStart') },
                    { label: t('funnel.col.fromPrevious'), numeric: true, note: t('funnel.note.fromPrevious') },
                    { label: t('funnel.col.dropOff'), numeric: true, note: t('funnel.note.dropOff') },
                    { label: t('funnel.col.median'), numeric: true, note: t('funnel.note.median') },
                  ]}
                >
                  {r.steps.map((s, i) => (
                    <tr key={i}>
                      <td>{i + 1}</td>
                      <th scope="row">{eventLabel(s.name)}</th>
                      <td className="an-num">{count(s.count)}</td>
                      <td className="an-num">{percent(s.conversionFromStart)}</td>
                      <td className="an-num">{i === 0 ? '—' : percent(s.conversionFromPrevious)}</td>
                      <td className="an-num">{i === 0 ? '—' : count(s.dropOff)}</td>
                      <td className="an-num">{i === 0 ? '—' : duration(s.medianSecondsFromPrevious, i18n.language)}</td>
                    </tr>
                  ))}
                </ReportTable>
              </Section>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
