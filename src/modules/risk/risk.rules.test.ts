import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, THRESHOLDS, burstAlerts, tuningFrom, addressHash, emailDomainOf, explain, ipInRanges, levelFor, networkPrefix, normaliseRange, phonePrefix, reasonsFor, scoreOf, verdictFor, type Evidence, type Signals } from './risk.rules.ts';

const signals = (s: Partial<Signals> = {}): Signals => ({ deviceId: 'dev-1', ip: '198.51.100.3', ipPrefix: '198.51.100.0/24', userAgent: 'ua', phonePrefix: null, addressHash: null, cardFingerprint: null, emailDomain: null, disposableEmail: false, accountAgeSeconds: 86_400 * 30, firstOrder: null, ...s });
const evidence = (e: Partial<Evidence> = {}): Evidence => ({ signals: signals(), blacklisted: [], counterpart: null, deviceAccounts: 1, networkAccounts: 1, ring: null, ...e });
const codes = (e: Partial<Evidence>) => reasonsFor(evidence(e)).map((r) => r.code);

describe('reasons and scores', () => {
  it('an ordinary shopper has no reasons and is allowed at every level', () => {
    expect(reasonsFor(evidence())).toEqual([]);
    for (const level of ['strict', 'moderate', 'relaxed'] as const) expect(verdictFor(0, level)).toBe('allow');
    // Off allows whatever the evidence, a blacklist hit included.
    expect(verdictFor(1000, 'off')).toBe('allow');
  });

  it('a blacklist hit blocks at every level', () => {
    const r = reasonsFor(evidence({ blacklisted: ['device', 'ip'] }));
    expect(r[0]).toEqual({ code: 'BLACKLISTED', weight: 1000, detail: { kinds: 'device,ip' } });
    expect(verdictFor(scoreOf(r), 'relaxed')).toBe('block');
  });

  it('self-referral through the same device holds at relaxed, blocks at moderate', () => {
    const r = reasonsFor(evidence({ counterpart: { sharesDevice: true, sharesNetwork: false, sharesPhonePrefix: false } }));
    expect(scoreOf(r)).toBe(90);
    expect(verdictFor(90, 'moderate')).toBe('block');
    expect(verdictFor(90, 'relaxed')).toBe('hold');
  });

  it('counts a shared network and phone block with the other party', () => {
    expect(codes({ counterpart: { sharesDevice: false, sharesNetwork: true, sharesPhonePrefix: true } })).toEqual(['SHARED_NETWORK_WITH_COUNTERPART', 'SHARED_PHONE_PREFIX_WITH_COUNTERPART']);
  });

  it('an invitee or helper on a device farm counts against the one it benefits', () => {
    expect(codes({ counterpart: { sharesDevice: false, sharesNetwork: false, sharesPhonePrefix: false, onDeviceFarm: true } })).toEqual(['COUNTERPART_ON_DEVICE_FARM']);
  });

  it('a device with three accounts is a farm, with two a shared device', () => {
    expect(codes({ deviceAccounts: 3 })).toEqual(['DEVICE_FARM']);
    expect(codes({ deviceAccounts: 2 })).toEqual(['SHARED_DEVICE']);
    expect(verdictFor(60, 'moderate')).toBe('hold');
    expect(verdictFor(20, 'strict')).toBe('allow');
  });

  it('a network burst, a new account, a disposable email and a ring each count', () => {
    expect(codes({ networkAccounts: 5 })).toEqual(['NETWORK_BURST']);
    expect(codes({ networkAccounts: 4 })).toEqual([]);
    expect(codes({ signals: signals({ accountAgeSeconds: 60 }) })).toEqual(['NEW_ACCOUNT']);
    expect(codes({ signals: signals({ accountAgeSeconds: null }) })).toEqual([]);
    expect(codes({ signals: signals({ disposableEmail: true, emailDomain: 'mailinator.com' }) })).toEqual(['DISPOSABLE_EMAIL']);
    expect(codes({ ring: { size: 10, why: 'shared identifiers' } })).toEqual(['RING_MEMBER']);
    // A new-customer offer on a device where customers who paid before also sign in; none is no reason.
    expect(codes({ buyersOnDevice: 1 })).toEqual(['NEW_CUSTOMER_OFFER_ON_BUYERS_DEVICE']);
    expect(codes({ buyersOnDevice: 0 })).toEqual([]);
    expect(scoreOf(reasonsFor(evidence({ buyersOnDevice: 1, deviceAccounts: 2 })))).toBeGreaterThanOrEqual(THRESHOLDS.moderate.hold);
  });

  it('places the lines by level', () => {
    expect([verdictFor(29, 'strict'), verdictFor(30, 'strict'), verdictFor(70, 'strict')]).toEqual(['allow', 'hold', 'block']);
    expect([verdictFor(44, 'moderate'), verdictFor(45, 'moderate'), verdictFor(90, 'moderate')]).toEqual(['allow', 'hold', 'block']);
    expect([verdictFor(59, 'relaxed'), verdictFor(60, 'relaxed'), verdictFor(120, 'relaxed')]).toEqual(['allow', 'hold', 'block']);
  });

  it('a campaign level wins over the mechanic level, which wins over moderate', () => {
    expect(levelFor('strict', 'relaxed')).toBe('strict');
    expect(levelFor(null, 'relaxed')).toBe('relaxed');
    expect(levelFor(null, null)).toBe('moderate');
  });

  it('explains the decision in English and Chinese', () => {
    const r = reasonsFor(evidence({ deviceAccounts: 4, signals: signals({ accountAgeSeconds: 5 }) }));
    const text = explain('hold', scoreOf(r), r);
    expect(text.en).toBe('Held for review (score 70): 4 accounts on one device; account less than a day old.');
    expect(text.zh).toBe('暂扣待审核（风险分 70）：同一设备登录了 4 个账号；账号注册不足一天。');
    expect(explain('allow', 0, []).en).toBe('Allowed: no risk signals.');
  });
});

describe('identifiers', () => {
  it('takes the /24 of IPv4, the /64 of IPv6 and reads IPv4-mapped IPv6 as IPv4', () => {
    expect(networkPrefix('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkPrefix('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(networkPrefix('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(networkPrefix('not an ip')).toBeNull();
    expect(networkPrefix(null)).toBeNull();
    // Where a proxy stood, not where the shopper is.
    expect(networkPrefix('127.0.0.1')).toBeNull();
    expect(networkPrefix('10.1.2.3')).toBeNull();
    expect(networkPrefix('fd00::1')).toBeNull();
  });

  it('matches addresses against blacklisted ranges and single addresses', () => {
    expect(ipInRanges('10.9.8.7', ['10.0.0.0/8'])).toBe(true);
    expect(ipInRanges('11.0.0.1', ['10.0.0.0/8', '11.0.0.2'])).toBe(false);
    expect(ipInRanges('11.0.0.2', ['11.0.0.2'])).toBe(true);
    expect(ipInRanges('2001:db8::5', ['2001:db8::/32', '10.0.0.0/8'])).toBe(true);
    expect(ipInRanges('::ffff:10.1.1.1', ['10.0.0.0/8'])).toBe(true);
    expect(normaliseRange('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(normaliseRange('2001:0db8::/32')).toBe('2001:db8::/32');
    expect(normaliseRange('10.0.0.300/8')).toBeNull();
    expect(normaliseRange('banana')).toBeNull();
  });

  it('takes the first seven digits of a mainland mobile number', () => {
    expect(phonePrefix('13800138000')).toBe('1380013');
    expect(phonePrefix('+86 138-0013-8000')).toBe('1380013');
    expect(phonePrefix('12345')).toBeNull();
    expect(phonePrefix(null)).toBeNull();
  });

  it('hashes one address the same however it is typed', () => {
    const a = addressHash({ province: '浙江省', city: '杭州市', district: '西湖区', line1: '文三路 100 号 3 栋' });
    const b = addressHash({ province: '浙江省', city: '杭州市', district: '西湖区', line1: '文三路１００号３栋' });
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).toBe(b);
    expect(addressHash({ line1: '文三路 101 号' })).not.toBe(a);
  });

  it('knows disposable email domains from the maintained list', () => {
    expect(emailDomainOf('x@Mailinator.com')).toEqual({ domain: 'mailinator.com', disposable: true });
    expect(emailDomainOf('x@qq.com')).toEqual({ domain: 'qq.com', disposable: false });
    expect(emailDomainOf(null)).toEqual({ domain: null, disposable: false });
  });
});

describe('tuning', () => {
  it('takes stored thresholds within bounds over the defaults and ignores the rest', () => {
    expect(tuningFrom([])).toEqual(DEFAULT_TUNING);
    expect(tuningFrom([{ key: 'networkBurstAccounts', value: 3 }, { key: 'deviceFarmAccounts', value: 1 }, { key: 'unknown', value: 9 }])).toEqual({ ...DEFAULT_TUNING, networkBurstAccounts: 3 });
    expect(reasonsFor(evidence({ networkAccounts: 3 }), tuningFrom([{ key: 'networkBurstAccounts', value: 3 }])).map((r) => r.code)).toEqual(['NETWORK_BURST']);
  });
});

describe('alerts on bursts', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 8, minutes));
  const r = (campaignId: string | null, ipPrefix: string | null, minutes: number, kind = 'coupon.claim') => ({ campaignId, ipPrefix, kind, at: at(minutes), money: 1000 });

  it('raises one alert per campaign or network whose holds and blocks reach the minimum within the window', () => {
    const refusals = [
      // Campaign A: five within 10 minutes from five networks; then two more much later.
      ...[0, 2, 4, 6, 8].map((m, i) => r('A', `10.0.${i}.0/24`, m)),
      r('A', null, 40), r('A', null, 41),
      // Network N: five on three campaigns within 9 minutes.
      r('B', '203.0.113.0/24', 20), r('C', '203.0.113.0/24', 22, 'bargain.help'), r('D', '203.0.113.0/24', 25), r('D', '203.0.113.0/24', 27), r('D', '203.0.113.0/24', 29),
      // Campaign E: five, but spread over 40 minutes.
      ...[0, 10, 20, 30, 40].map((m) => r('E', null, m)),
    ];
    const alerts = burstAlerts(refusals);
    expect(alerts.map((a) => [a.scope, a.key, a.count])).toEqual([['network', '203.0.113.0/24', 5], ['campaign', 'A', 5]]);
    expect(alerts[0]).toMatchObject({ kinds: ['bargain.help', 'coupon.claim'], money: 5000, from: at(20), to: at(29) });
  });

  it('four in the window is not a burst; no refusals, no alerts', () => {
    expect(burstAlerts([0, 1, 2, 3].map((m) => r('A', null, m)))).toEqual([]);
    expect(burstAlerts([])).toEqual([]);
  });
});
