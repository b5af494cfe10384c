// The button that starts a campaign through its launch review. The review is an antd dialog
// loaded on first click (React.lazy), so the campaign pages, built on the hand-made kit, do not
// pull antd into the console's entry chunk.
import type { QueryKey } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { SmallButton, useAction } from './common';

const LaunchReviewModal = lazy(() => import('./launch-review-modal'));

export function LaunchReviewButton({ id, name, label, start, invalidate, startedToast, note }: { id: string; name: string; label: string; start: () => Promise<unknown>; invalidate: QueryKey[]; startedToast: string; note?: string }) {
  const [open, setOpen] = useState(false);
  const startAction = useAction(start, { invalidate: [...invalidate, ['admin', 'campaigns']], success: startedToast, onDone: () => setOpen(false) });
  return (
    <>
      <SmallButton onClick={() => setOpen(true)}>{label}</SmallButton>
      {open && (
        <Suspense fallback={null}>
          <LaunchReviewModal id={id} name={name} open={open} onClose={() => setOpen(false)} onConfirm={() => startAction.mutateAsync(undefined).catch(() => undefined)} busy={startAction.isPending} note={note} />
        </Suspense>
      )}
    </>
  );
}
