// The results section of a campaign page, loaded lazily (./index.tsx) so antd stays out of the
// console's entry chunk: the KPI cards from the analytics campaign report, and the mechanic's own
// drill-down list (a group buy's teams, a price-cut's cuts, a lucky draw's draws and prize cost).
import { Space } from 'antd';
import { AntdProvider } from '../../antd/provider';
import { BargainCuts } from './cuts';
import { CampaignKpis } from './kpis';
import { LotteryResults } from './lottery';
import { GroupbuyTeams } from './teams';
import './i18n';

export type ResultsKind = 'groupbuy' | 'bargain' | 'lottery' | 'flashsale' | 'referral' | 'coupon' | 'coupon_pack';

export default function ResultsSection({ kind, campaignId, canGrant = false }: { kind: ResultsKind; campaignId: string; canGrant?: boolean }) {
  return (
    <AntdProvider>
      <section className="cc-results" style={{ margin: '16px 0' }}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <CampaignKpis campaignId={campaignId} />
          {kind === 'groupbuy' && <GroupbuyTeams campaignId={campaignId} />}
          {kind === 'bargain' && <BargainCuts campaignId={campaignId} />}
          {kind === 'lottery' && <LotteryResults drawId={campaignId} canGrant={canGrant} />}
        </Space>
      </section>
    </AntdProvider>
  );
}
