// The 显示 / Reveal button next to a masked phone, name or street line. The API masks personal data
// in every answer to staff; reading it in full is a separate call that takes a reason and is written
// to the audit log (who read whose data, when, why), so the button asks for the reason first and
// shows what came back only on this page, only until the operator leaves it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../shared/ui';
import { ActionButton } from '../kit';

/** The reason rule of the reveal routes (3 to 200 characters), checked here before the call. */
const REASON_MIN = 3;
const REASON_MAX = 200;

export function RevealAction<T>({ what, reveal, onRevealed }: { what: string; reveal: (reason: string) => Promise<T>; onRevealed: (value: T) => void }) {
  const { t } = useTranslation('admin');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <ActionButton
      label={t('reveal.button')}
      title={t('reveal.title', { what })}
      variant="ghost"
      confirmLabel={t('reveal.confirm')}
      confirmVariant="primary"
      message={t('reveal.audited')}
      onOpen={() => {
        setReason('');
        setError(undefined);
      }}
      validate={() => {
        const err = reason.trim().length < REASON_MIN ? t('reveal.reasonRequired', { count: REASON_MIN }) : undefined;
        setError(err);
        return !err;
      }}
      run={async () => onRevealed(await reveal(reason.trim()))}
      done={t('reveal.done')}
    >
      <TextField label={t('reveal.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={error} hint={t('reveal.reasonHint')} maxLength={REASON_MAX} autoFocus />
    </ActionButton>
  );
}
