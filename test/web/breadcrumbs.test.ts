// Breadcrumbs follow from the path and the sidebar's names: group / screen / what lies below it.
import { describe, expect, it } from 'vitest';
import { activeNav, breadcrumbs, type CrumbWord, type NavGroup } from '../../web/src/admin/breadcrumbs.ts';

const groups: NavGroup[] = [
  { id: 'overview', label: '概览', items: [{ to: '/', label: '数据看板', end: true }] },
  { id: 'trade', label: '交易', items: [{ to: '/orders', label: '订单' }, { to: '/aftersales', label: '售后' }] },
  { id: 'affiliate', label: '分销', items: [{ to: '/promoters/applications', label: '推广员申请' }, { to: '/promoters', label: '推广员', end: true }] },
  { id: 'campaigns', label: '营销活动', items: [{ to: '/campaigns/all', label: '全部活动' }, { to: '/campaigns/groupbuy', label: '拼团' }, { to: '/campaigns/referral', label: '邀请有礼' }] },
  { id: 'compliance', label: '合规', items: [{ to: '/compliance/audit', label: '审计' }] },
  { id: 'planner', label: '活动规划', items: [{ to: '/plans', label: '活动规划' }] },
];
const words: Record<CrumbWord, string> = { detail: '详情', new: '新建', edit: '编辑', report: '报告', rewards: '奖励记录' };
const crumbs = (path: string) => breadcrumbs(groups, path, (w) => words[w]);

describe('breadcrumbs', () => {
  it('names a detail page by its group, its screen (a link back) and "details"', () => {
    expect(crumbs('/campaigns/groupbuy/6f1c2a9e-0000-4000-8000-000000000001')).toEqual([
      { label: '营销活动' },
      { label: '拼团', to: '/campaigns/groupbuy' },
      { label: '详情' },
    ]);
  });

  it('links every level but the last, and names new, edit and report pages', () => {
    expect(crumbs('/campaigns/groupbuy/abc/edit')).toEqual([{ label: '营销活动' }, { label: '拼团', to: '/campaigns/groupbuy' }, { label: '详情', to: '/campaigns/groupbuy/abc' }, { label: '编辑' }]);
    expect(crumbs('/campaigns/groupbuy/new').map((c) => c.label)).toEqual(['营销活动', '拼团', '新建']);
    expect(crumbs('/campaigns/referral/rewards').map((c) => c.label)).toEqual(['营销活动', '邀请有礼', '奖励记录']);
  });

  it('ends at the screen itself on a list page, and drops a group named like its only screen', () => {
    expect(crumbs('/orders')).toEqual([{ label: '交易' }, { label: '订单' }]);
    expect(crumbs('/orders/')).toEqual([{ label: '交易' }, { label: '订单' }]);
    expect(crumbs('/plans/p1/report')).toEqual([{ label: '活动规划', to: '/plans' }, { label: '详情', to: '/plans/p1' }, { label: '报告' }]);
  });

  it('picks the longest screen a path lies under', () => {
    expect(crumbs('/promoters/applications')).toEqual([{ label: '分销' }, { label: '推广员申请' }]);
    expect(crumbs('/promoters')).toEqual([{ label: '分销' }, { label: '推广员' }]);
    expect(activeNav(groups, '/promoters/applications')?.item.to).toBe('/promoters/applications');
  });

  it('falls back to the group of the same area for a page no screen covers, and to nothing elsewhere', () => {
    expect(crumbs('/compliance/campaigns/c1')).toEqual([{ label: '合规' }, { label: '详情' }]);
    expect(crumbs('/nowhere/at/all')).toEqual([]);
  });

  it('keeps the dashboard to the root only', () => {
    expect(activeNav(groups, '/')?.item.label).toBe('数据看板');
    expect(activeNav(groups, '/orders/x')?.group.id).toBe('trade');
  });
});
