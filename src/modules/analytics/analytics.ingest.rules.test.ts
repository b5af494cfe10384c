import { describe, expect, it } from 'vitest';
import { batchRows, isBot, type ClientEvent } from './analytics.ingest.rules.ts';

const now = new Date('2026-06-01T16:30:00.000Z'); // 00:30 on 2 June in China
const event = (id: string, at: string, name: ClientEvent['name'] = 'page_view'): ClientEvent => ({ id, name, at });
const batch = (events: ClientEvent[]) => ({ visitorId: 'visitor-1', userId: null, sessionId: 's-1', events });

describe('batchRows', () => {
  it('dates each row on the China calendar and keys it by visitor and client id, once per id', () => {
    const r = batchRows(batch([event('a1b2c3d4', '2026-06-01T15:59:00.000Z'), event('e5f6g7h8', '2026-06-01T16:01:00.000Z'), event('a1b2c3d4', '2026-06-01T15:59:00.000Z')]), now);
    if (!r.ok) throw new Error('expected rows');
    expect(r.rows.map((x) => [x.dedupe_key, x.day])).toEqual([['c/visitor-1/a1b2c3d4', '2026-06-01'], ['c/visitor-1/e5f6g7h8', '2026-06-02']]);
    expect(r.repeated).toBe(1);
    expect(r.rows[0]).toMatchObject({ source: 'client', session_id: 's-1', received_at: now, props: '{}' });
  });

  it('refuses the whole batch for one event from the future or too long ago, naming it', () => {
    expect(batchRows(batch([event('a1b2c3d4', '2026-06-01T16:35:00.000Z')]), now).ok).toBe(true);
    expect(batchRows(batch([event('a1b2c3d4', '2026-06-01T16:00:00.000Z'), event('b1b2c3d4', '2026-06-01T16:35:01.000Z')]), now)).toEqual({ ok: false, reason: 'EVENT_IN_FUTURE', index: 1 });
    expect(batchRows(batch([event('a1b2c3d4', '2026-05-29T16:29:00.000Z')]), now)).toEqual({ ok: false, reason: 'EVENT_TOO_OLD', index: 0 });
    expect(batchRows(batch([event('a1b2c3d4', 'not a time')]), now)).toEqual({ ok: false, reason: 'EVENT_TIME_INVALID', index: 0 });
  });
});

describe('isBot', () => {
  it('tells crawlers, previewers, headless browsers and HTTP libraries from phones', () => {
    for (const ua of ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Sogou web spider/4.0', 'Mozilla/5.0 (compatible; YisouSpider)', 'python-requests/2.31', 'Go-http-client/1.1', 'okhttp/4.12.0', 'Mozilla/5.0 AppleWebKit (KHTML, like Gecko) HeadlessChrome/121.0']) {
      expect(isBot(ua), ua).toBe(true);
    }
    for (const ua of ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003130) NetType/WIFI Language/zh_CN', 'Mozilla/5.0 (Linux; Android 14; 23127PN0CC) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47', 'Mozilla/5.0 (Linux; Android 13; V2219A) AppleWebKit/537.36 Chrome/109 Mobile Safari/537.36 aweme_290100 BytedanceWebview/d8a21c6', undefined]) {
      expect(isBot(ua), String(ua)).toBe(false);
    }
  });
});
