// The header's right slot on pages without their own action: "more" (⋯), a sheet with sharing this
// page and shortcuts, as mall apps put there. The language choice lives in 我的 → 设置.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Button, Sheet, useToast } from '../shared/ui';
import './header-more.css';

export function HeaderMore() {
  const { t } = useTranslation('shell');
  const toast = useToast();
  const [open, setOpen] = useState(false);

  async function sharePage() {
    const url = window.location.href;
    // The system share sheet where the phone has one; elsewhere the link goes to the clipboard.
    if (typeof navigator.share === 'function') {
      await navigator.share({ url, title: document.title }).catch(() => undefined);
    } else {
      const copied = await navigator.clipboard?.writeText(url).then(() => true, () => false);
      toast(copied ? t('common:share.copied') : url);
    }
    setOpen(false);
  }

  return (
    <>
      <button type="button" className="btn btn-ghost header-more" aria-label={t('more')} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        ⋯
      </button>
      <Sheet open={open} onClose={() => setOpen(false)} title={t('more')}>
        <ul className="header-more-list">
          <li>
            <Button variant="ghost" onClick={() => void sharePage()}>
              <span aria-hidden="true">↗</span> {t('sharePage')}
            </Button>
          </li>
          <li>
            <Link to="/" onClick={() => setOpen(false)}>
              <span aria-hidden="true">⌂</span> {t('home')}
            </Link>
          </li>
          <li>
            <Link to="/me#settings" onClick={() => setOpen(false)}>
              <span aria-hidden="true">⚙</span> {t('settings')}
            </Link>
          </li>
        </ul>
      </Sheet>
    </>
  );
}
