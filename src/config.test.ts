// The security settings parse strictly: a wrong value stops start-up instead of trusting too much.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('FISSION_TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ FISSION_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });
  it('takes a hop count or a list of addresses, CIDRs and proxy-addr range names', () => {
    expect(loadConfig({ FISSION_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ FISSION_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
  });
  it.each(['true', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '11'])('refuses %s', (raw) => {
    expect(() => loadConfig({ FISSION_TRUST_PROXY: raw })).toThrow(ConfigError);
  });
});

describe('FISSION_ALLOWED_HOSTS and NODE_ENV', () => {
  it('reads a comma list of host names, lower-cased, with ports', () => {
    expect(loadConfig({ FISSION_ALLOWED_HOSTS: 'Shop.example, shop.example:8443,[::1]:3000' }).allowedHosts).toEqual(['shop.example', 'shop.example:8443', '[::1]:3000']);
    expect(loadConfig({}).allowedHosts).toEqual([]);
  });
  it('refuses URLs and paths in the list', () => {
    expect(() => loadConfig({ FISSION_ALLOWED_HOSTS: 'https://shop.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ FISSION_ALLOWED_HOSTS: 'shop.example/path' })).toThrow(ConfigError);
  });
  it('is production only under NODE_ENV=production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).production).toBe(false);
  });
});

describe('read caches', () => {
  it('keeps sessions a minute and other copies 5 s by default; FISSION_CACHE_MS=0 turns every cache off', () => {
    expect(loadConfig({}).caches).toEqual({ maxAgeMs: 5000, stockDisplayMs: 1000, sessionMs: 60_000 });
    expect(loadConfig({ FISSION_CACHE_MS: '0' }).caches).toMatchObject({ maxAgeMs: 0, sessionMs: 0 });
    expect(loadConfig({ FISSION_CACHE_MS: '0', FISSION_SESSION_CACHE_MS: '2000' }).caches.sessionMs).toBe(2000);
  });
  it('refuses a session cache outside 0 … 1 h', () => {
    expect(() => loadConfig({ FISSION_SESSION_CACHE_MS: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ FISSION_SESSION_CACHE_MS: '3600001' })).toThrow(ConfigError);
  });
});
