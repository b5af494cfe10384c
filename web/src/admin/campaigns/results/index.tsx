// The campaign pages' results, lazily: this file carries no antd, so importing it from a detail
// page keeps antd in the results chunk, fetched when a campaign page opens.
import { lazy, Suspense } from 'react';
import { Loading } from '../../../shared/ui';
import type { ResultsKind } from './section';

const ResultsSection = lazy(() => import('./section'));

export function CampaignResults(props: { kind: ResultsKind; campaignId: string; canGrant?: boolean }) {
  return (
    <Suspense fallback={<Loading />}>
      <ResultsSection {...props} />
    </Suspense>
  );
}
