// A campaign's compliance declaration (channels it is shared to, what it rewards, published rules,
// virtual members, prizes, commission, reference prices) beside the pre-launch check it feeds.
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Button, ErrorState, Loading, TextArea, TextField, useErrorText, useToast } from '../../shared/ui';
import { FormError, PageHead } from '../kit';
import { FindingList } from './findings';

const CHANNELS = ['wechat', 'moments', 'weibo', 'douyin', 'xiaohongshu', 'link', 'qr'] as const;
type Channel = (typeof CHANNELS)[number];
const FACTS = ['rewardsSharing', 'shareForChances', 'helpPrompts', 'lottery', 'rewardsFollowing'] as const;
type Fact = (typeof FACTS)[number];

const yuan = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2).replace(/\.00$/, ''));
const fen = (text: string) => (text.trim() === '' ? null : /^\d+(\.\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim()) * 100) : NaN);

export function DeclarationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('admin');
  const toast = useToast();
  const errorText = useErrorText();
  const client = useQueryClient();
  const path = { params: { path: { id } } };
  const campaign = useQuery({ queryKey: ['admin', 'campaigns', 'one', id], queryFn: () => call(api.GET('/api/v1/admin/campaigns/{id}', path)) });
  const profile = useQuery({ queryKey: ['admin', 'compliance', 'profile', id], queryFn: () => call(api.GET('/api/v1/admin/compliance/campaigns/{id}/profile', path)) });
  const check = useQuery({ queryKey: ['admin', 'compliance', 'check', id], queryFn: () => call(api.GET('/api/v1/admin/compliance/campaigns/{id}/check', path)) });

  const [channels, setChannels] = useState<Channel[]>([]);
  const [facts, setFacts] = useState<Record<Fact, boolean>>({ rewardsSharing: false, shareForChances: false, helpPrompts: false, lottery: false, rewardsFollowing: false });
  const [rulesText, setRulesText] = useState('');
  const [rulesPublished, setRulesPublished] = useState(false);
  const [virtualMembers, setVirtualMembers] = useState('0');
  const [disclosed, setDisclosed] = useState(false);
  const [maxPrize, setMaxPrize] = useState('');
  const [depth, setDepth] = useState('0');
  const [entryFee, setEntryFee] = useState('0');
  const [references, setReferences] = useState('');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    const p = profile.data;
    if (!p) return;
    setChannels(p.channels.filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c)));
    setFacts({ rewardsSharing: p.rewardsSharing, shareForChances: p.shareForChances, helpPrompts: p.helpPrompts, lottery: p.lottery, rewardsFollowing: p.rewardsFollowing });
    setRulesText(p.rulesText);
    setRulesPublished(!!p.rulesPublishedAt);
    setVirtualMembers(String(p.virtualMembers));
    setDisclosed(p.virtualMembersDisclosed);
    setMaxPrize(yuan(p.maxPrizeAmount));
    setDepth(String(p.commissionDepth));
    setEntryFee(yuan(p.promoterEntryFeeAmount));
    setReferences(p.referencePrices.map((r) => `${r.skuId} ${yuan(r.amount)}`).join('\n'));
  }, [profile.data]);

  if (campaign.isPending || profile.isPending) return <Loading />;
  if (campaign.isError) return <ErrorState error={campaign.error} />;
  if (profile.isError) return <ErrorState error={profile.error} />;
  const locked = campaign.data.status !== 'draft';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const lines = references.split('\n').map((l) => l.trim()).filter(Boolean);
    const referencePrices: { skuId: string; amount: number }[] = [];
    for (const [i, line] of lines.entries()) {
      const [skuId, amountText] = line.split(/\s+/);
      const amount = fen(amountText ?? '');
      if (!skuId || amount === null || Number.isNaN(amount) || amount < 1) return setFormError(t('compliance.declaration.badReference', { line: i + 1 }));
      referencePrices.push({ skuId, amount });
    }
    const prize = fen(maxPrize);
    const fee = fen(entryFee) ?? 0;
    if (Number.isNaN(prize) || Number.isNaN(fee)) return setFormError(t('common:invalid', { defaultValue: 'Invalid amount' }));
    setBusy(true);
    try {
      await call(api.PUT('/api/v1/admin/compliance/campaigns/{id}/profile', {
        ...path,
        body: { channels, ...facts, rulesText, rulesPublished, virtualMembers: Number(virtualMembers) || 0, virtualMembersDisclosed: disclosed, maxPrizeAmount: prize, commissionDepth: Number(depth) || 0, promoterEntryFeeAmount: fee, referencePrices },
      }));
      toast(t('compliance.declaration.saved'));
      await Promise.all([client.invalidateQueries({ queryKey: ['admin', 'compliance'] }), client.invalidateQueries({ queryKey: ['admin', 'campaigns'] })]);
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const toggleChannel = (c: Channel) => setChannels((list) => (list.includes(c) ? list.filter((x) => x !== c) : [...list, c]));
  return (
    <>
      <PageHead title={t('compliance.declaration.title', { name: campaign.data.name })} actions={<Link to="/campaigns/all">{t('compliance.declaration.back')}</Link>}>
        <p className="muted small">{t('compliance.declaration.intro')}</p>
      </PageHead>
      <div className="grid-2">
        <form className="card" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset disabled={locked || busy}>
            <legend>{t('compliance.declaration.channels')}</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="check">
                <input type="checkbox" name={`channel-${c}`} checked={channels.includes(c)} onChange={() => toggleChannel(c)} /> {c}
              </label>
            ))}
          </fieldset>
          <fieldset disabled={locked || busy}>
            <legend>{t('compliance.declaration.facts')}</legend>
            {FACTS.map((f) => (
              <label key={f} className="check">
                <input type="checkbox" name={f} checked={facts[f]} onChange={(e) => setFacts((x) => ({ ...x, [f]: e.target.checked }))} /> {t(`compliance.declaration.${f}`)}
              </label>
            ))}
          </fieldset>
          <fieldset disabled={locked || busy}>
            <TextArea label={t('compliance.declaration.rules')} name="rulesText" rows={5} value={rulesText} onChange={(e) => setRulesText(e.target.value)} />
            <label className="check">
              <input type="checkbox" name="rulesPublished" checked={rulesPublished} onChange={(e) => setRulesPublished(e.target.checked)} /> {t('compliance.declaration.rulesPublished')}
            </label>
            {profile.data.rulesPublishedAt && <p className="muted small">{t('compliance.declaration.publishedAt', { at: formatDateTime(profile.data.rulesPublishedAt) })}</p>}
            <TextField label={t('compliance.declaration.virtualMembers')} name="virtualMembers" inputMode="numeric" value={virtualMembers} onChange={(e) => setVirtualMembers(e.target.value)} />
            <label className="check">
              <input type="checkbox" name="virtualMembersDisclosed" checked={disclosed} onChange={(e) => setDisclosed(e.target.checked)} /> {t('compliance.declaration.virtualMembersDisclosed')}
            </label>
            <TextField label={t('compliance.declaration.maxPrize')} name="maxPrize" inputMode="decimal" value={maxPrize} onChange={(e) => setMaxPrize(e.target.value)} />
            <TextField label={t('compliance.declaration.commissionDepth')} name="commissionDepth" inputMode="numeric" value={depth} onChange={(e) => setDepth(e.target.value)} />
            <TextField label={t('compliance.declaration.entryFee')} name="entryFee" inputMode="decimal" value={entryFee} onChange={(e) => setEntryFee(e.target.value)} />
            <TextArea label={t('compliance.declaration.references')} name="referencePrices" rows={3} value={references} onChange={(e) => setReferences(e.target.value)} />
          </fieldset>
          <FormError>{formError}</FormError>
          {!locked && (
            <Button type="submit" busy={busy}>
              {t('common:save')}
            </Button>
          )}
        </form>
        <section className="card" aria-label={t('compliance.declaration.check')}>
          <h2>{t('compliance.declaration.check')}</h2>
          {check.isPending ? <Loading /> : check.isError ? <ErrorState error={check.error} /> : <FindingList findings={check.data.findings} />}
        </section>
      </div>
    </>
  );
}
