// Every share button opens this sheet: pick a channel, copy the link, or show the QR poster.
// Each channel gets its own share (the server attributes clicks per channel), created on demand.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api';
import { Button, ErrorState, Loading, Sheet, useToast } from '../../shared/ui';
import { track } from '../track';

type ShareRequest = { target: { type: ShareTargetType; id: string }; channel: ShareChannel; campaignId?: string };
export type ShareTargetType = 'product' | 'campaign' | 'team' | 'bargain' | 'invite' | 'coupon_pack' | 'lottery' | 'note' | 'live';
export type ShareChannel = 'wechat' | 'moments' | 'weibo' | 'douyin' | 'xiaohongshu' | 'link' | 'qr';
const CHANNELS: ShareChannel[] = ['wechat', 'moments', 'weibo', 'douyin', 'xiaohongshu', 'link'];

export function ShareSheet({ open, onClose, target, campaignId }: { open: boolean; onClose: () => void; target: { type: ShareTargetType; id: string }; campaignId?: string }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [channel, setChannel] = useState<ShareChannel>('wechat');
  const [showPoster, setShowPoster] = useState(false);
  const create = useMutation({
    mutationFn: (body: ShareRequest) => call(api.POST('/api/v1/shares', { body })),
  });
  const { mutate } = create;
  const shared = { campaignId, props: { targetType: target.type, targetId: target.id } };
  useEffect(() => (open ? track('share_sheet_opened', shared) : undefined), [open]);

  useEffect(() => {
    if (open) mutate({ target, channel, ...(campaignId ? { campaignId } : {}) });
  }, [open, channel, target.type, target.id, campaignId, mutate]);

  const share = create.data;
  const link = share ? new URL(share.url, window.location.origin).toString() : '';
  // The poster speaks the shopper's current language (the server also reads Accept-Language).
  const posterUrl = share ? `${share.posterUrl}?lang=${i18n.language === 'en' ? 'en' : 'zh-CN'}` : '';

  async function copy() {
    track('share_link_copied', { ...shared, channel });
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // clipboard API refused (http, permissions): select the text so the shopper can copy it
      (document.getElementById('share-link') as HTMLInputElement | null)?.select();
    }
    toast(t('share.copied'));
  }

  return (
    <Sheet open={open} onClose={onClose} title={t('share.title')}>
      <fieldset className="share-channels">
        <legend>{t('share.channel')}</legend>
        {CHANNELS.map((c) => (
          <label key={c} className={`chip ${channel === c ? 'chip-active' : ''}`}>
            <input type="radio" name="share-channel" value={c} checked={channel === c} onChange={() => setChannel(c)} />
            {t(`share.channels.${c}`)}
          </label>
        ))}
      </fieldset>
      {create.isPending && <Loading label={t('share.creating')} />}
      {create.isError && <ErrorState error={create.error} onRetry={() => mutate({ target, channel, ...(campaignId ? { campaignId } : {}) })} />}
      {share && (
        <div className="share-result">
          <label htmlFor="share-link" className="visually-hidden">
            {t('share.copy')}
          </label>
          <input id="share-link" className="share-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="share-link" />
          <div className="row">
            <Button onClick={copy}>{t('share.copy')}</Button>
            <Button variant="secondary" onClick={() => setShowPoster((v) => !v)} aria-expanded={showPoster}>
              {t('share.poster')}
            </Button>
          </div>
          {showPoster && (
            <figure className="share-poster">
              <img src={posterUrl} alt={t('share.posterAlt')} width={300} height={534} />
              <a className="btn btn-secondary" href={posterUrl} download="fission-poster.png" onClick={() => track('poster_saved', { ...shared, channel })}>
                {t('share.save')}
              </a>
            </figure>
          )}
        </div>
      )}
    </Sheet>
  );
}

/** A share button that owns its sheet. */
export function ShareButton({ target, campaignId, label, className }: { target: { type: ShareTargetType; id: string }; campaignId?: string; label?: string; className?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" className={className} onClick={() => setOpen(true)}>
        {label ?? t('share.title')}
      </Button>
      <ShareSheet open={open} onClose={() => setOpen(false)} target={target} campaignId={campaignId} />
    </>
  );
}
