// The launch review (loaded lazily, with antd): before a campaign goes live and locks its rules,
// the operator steps through the rules as shoppers read them, the cost ceiling, the shopper's
// card, what locks, and the server's pre-launch checks; a blocking check keeps confirm off. Confirm
// calls the mechanic's own start endpoint (开始 / 启用 / 发布), passed in by the page.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, List, Modal, Skeleton, Space, Statistic, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { formatDateTime, formatMoney } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { AntdProvider } from '../antd/provider';
import { FindingList } from '../compliance/findings';
import { mechanicPreview, type Preview } from './launch-review-preview';
import './launch-review-words';

export interface LaunchReviewProps {
  id: string;
  name: string;
  open: boolean;
  onClose: () => void;
  /** The mechanic's start call; the review closes when it succeeds. */
  onConfirm: () => Promise<unknown>;
  busy: boolean;
  /** Said before the steps (starting a referral ends the one running). */
  note?: string;
}

const STEPS = ['rules', 'cost', 'card', 'locks', 'checks'] as const;

export default function LaunchReviewModal(props: LaunchReviewProps) {
  return (
    <AntdProvider>
      <LaunchReview {...props} />
    </AntdProvider>
  );
}

function LaunchReview({ id, name, open, onClose, onConfirm, busy, note }: LaunchReviewProps) {
  const { t } = useTranslation('launchReview');
  const errorText = useErrorText();
  const [step, setStep] = useState(0);
  const review = useQuery({
    queryKey: ['admin', 'campaigns', 'launch-review', id],
    queryFn: () => call(api.GET('/api/v1/admin/campaigns/{id}/launch-review', { params: { path: { id } } })),
    enabled: open,
    staleTime: 0,
  });
  const mechanic = review.data?.campaign.mechanic;
  const preview = useQuery({ queryKey: ['admin', 'campaigns', 'launch-preview', id], queryFn: () => mechanicPreview(mechanic!, id), enabled: open && !!mechanic });
  const profile = useQuery({
    queryKey: ['admin', 'compliance', 'profile', id],
    queryFn: () => call(api.GET('/api/v1/admin/compliance/campaigns/{id}/profile', { params: { path: { id } } })),
    enabled: open,
  });
  const r = review.data;
  const last = step === STEPS.length - 1;
  const canConfirm = !!r && !r.blocked && r.startsAs !== null;
  const footer = (
    <Space>
      <Button onClick={onClose}>{t('cancel')}</Button>
      {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('back')}</Button>}
      {!last && (
        <Button type="primary" onClick={() => setStep(step + 1)} disabled={!r}>
          {t('next')}
        </Button>
      )}
      {last && (
        <Button type="primary" danger={false} loading={busy} disabled={!canConfirm} onClick={() => void onConfirm()}>
          {r?.startsAs === 'scheduled' ? t('confirmScheduled') : t('confirm')}
        </Button>
      )}
    </Space>
  );
  return (
    <Modal open={open} title={t('title', { name })} onCancel={onClose} footer={footer} width={720} destroyOnHidden>
      <Steps current={step} size="small" onChange={(n) => r && setStep(n)} items={STEPS.map((s) => ({ title: t(`steps.${s}`) }))} style={{ marginBottom: 20 }} />
      {review.isError ? (
        <Alert type="error" showIcon title={errorText(review.error)} />
      ) : !r ? (
        <Skeleton active />
      ) : (
        <>
          {note && <Alert type="warning" showIcon title={note} style={{ marginBottom: 12 }} />}
          {r.refusal ? <Alert type="error" showIcon title={t(`cannotStart.${r.refusal}`)} style={{ marginBottom: 12 }} /> : <Alert type="info" showIcon title={r.startsAs === 'scheduled' ? t('startsLater', { at: formatDateTime(r.campaign.startsAt) }) : t('startsNow')} style={{ marginBottom: 12 }} />}
          {STEPS[step] === 'rules' && <RulesStep preview={preview.data} loading={preview.isPending} startsAt={r.campaign.startsAt} endsAt={r.campaign.endsAt} published={profile.data?.rulesPublishedAt ? profile.data.rulesText : null} />}
          {STEPS[step] === 'cost' && <CostStep cost={r.cost} />}
          {STEPS[step] === 'card' && (preview.data ? <ShopperCard p={preview.data} /> : <Skeleton active />)}
          {STEPS[step] === 'locks' && <LocksStep locks={r.locks} />}
          {STEPS[step] === 'checks' && <ChecksStep findings={r.findings} blocked={r.blocked} />}
        </>
      )}
    </Modal>
  );
}

function RulesStep({ preview, loading, startsAt, endsAt, published }: { preview: Preview | undefined; loading: boolean; startsAt: string | null; endsAt: string | null; published: string | null }) {
  const { t } = useTranslation('launchReview');
  if (loading || !preview) return <Skeleton active />;
  const from = formatDateTime(startsAt) || '—';
  const rules = [...preview.rules, endsAt ? t('window', { from, to: formatDateTime(endsAt) }) : t('windowOpen', { from })];
  return (
    <section aria-label={t('steps.rules')}>
      <Typography.Paragraph>{t('rulesIntro')}</Typography.Paragraph>
      <List size="small" bordered dataSource={rules} renderItem={(line) => <List.Item>{line}</List.Item>} />
      {preview.rulesText && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{preview.rulesText}</Typography.Paragraph>}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('publishedRules')}
      </Typography.Title>
      {published ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{published}</Typography.Paragraph> : <Typography.Text type="secondary">{t('noPublishedRules')}</Typography.Text>}
    </section>
  );
}

type Review = Awaited<ReturnType<typeof fetchReview>>;
const fetchReview = (id: string) => call(api.GET('/api/v1/admin/campaigns/{id}/launch-review', { params: { path: { id } } }));

function CostStep({ cost }: { cost: Review['cost'] }) {
  const { t } = useTranslation('launchReview');
  return (
    <section aria-label={t('steps.cost')}>
      <Space size={48} wrap>
        <Statistic title={t('cost.ceiling')} value={cost.ceiling ? formatMoney(cost.ceiling) : '—'} />
        <Statistic title={t('cost.budget')} value={cost.budget ? formatMoney(cost.budget) : '—'} />
        <Statistic title={t('cost.mechanic')} value={cost.mechanicCeiling ? formatMoney(cost.mechanicCeiling) : '—'} />
        <Statistic title={t('cost.spent')} value={formatMoney(cost.spent)} />
      </Space>
      <Alert style={{ marginTop: 16 }} type={cost.basis === 'none' ? 'warning' : 'info'} showIcon title={cost.basis === 'none' ? t('cost.none') : cost.basis === 'budget' ? t('cost.basisBudget') : t('cost.basisMechanic')} />
    </section>
  );
}

/** The campaign card as the storefront shows it: image, title, the price and what it was, the badge. */
function ShopperCard({ p }: { p: Preview }) {
  const { t } = useTranslation('launchReview');
  return (
    <section aria-label={t('steps.card')}>
      <Typography.Paragraph type="secondary">{t('cardNote')}</Typography.Paragraph>
      <div data-testid="launch-review-card" style={{ width: 300, border: '1px solid #eee', borderRadius: 12, overflow: 'hidden', boxShadow: '0 2px 8px rgba(0,0,0,.06)', background: '#fff' }}>
        {p.image ? <img src={p.image} alt="" style={{ width: '100%', height: 160, objectFit: 'cover', display: 'block' }} /> : <div style={{ height: 96, background: 'linear-gradient(135deg,#fde8e6,#fff4e5)' }} aria-hidden="true" />}
        <div style={{ padding: 12 }}>
          <Tag color="red">{p.badge}</Tag>
          <div style={{ fontWeight: 600, margin: '6px 0' }}>{p.title}</div>
          {p.price && (
            <div>
              <span style={{ color: '#d5281f', fontSize: 22, fontWeight: 700, whiteSpace: 'nowrap' }}>{formatMoney(p.price)}</span>
              {p.was && <s style={{ color: '#999', marginLeft: 8 }}>{formatMoney(p.was)}</s>}
            </div>
          )}
          {p.headline && <div style={{ color: '#d5281f', fontWeight: 600 }}>{p.headline}</div>}
        </div>
      </div>
    </section>
  );
}

function LocksStep({ locks }: { locks: Review['locks'] }) {
  const { t } = useTranslation('launchReview');
  return (
    <section aria-label={t('steps.locks')}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('locks.intro')}>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {locks.locked.map((l) => (
              <li key={l}>🔒 {t(`locks.${l}`)}</li>
            ))}
          </ul>
        </Descriptions.Item>
        <Descriptions.Item label={t('locks.editableIntro')}>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {locks.editable.map((l) => (
              <li key={l}>{t(`locks.${l === 'freeShipping' ? 'freeShippingOn' : l}`)}</li>
            ))}
          </ul>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('locks.after')}
      </Typography.Paragraph>
    </section>
  );
}

function ChecksStep({ findings, blocked }: { findings: Review['findings']; blocked: boolean }) {
  const { t } = useTranslation('launchReview');
  return (
    <section aria-label={t('steps.checks')}>
      <Typography.Paragraph>{t('checks.intro')}</Typography.Paragraph>
      {blocked && <Alert type="error" showIcon title={t('checks.blocked')} style={{ marginBottom: 12 }} />}
      <FindingList findings={findings} empty={t('checks.none')} />
    </section>
  );
}
