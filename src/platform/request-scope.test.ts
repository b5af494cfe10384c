import { describe, expect, it } from 'vitest';
import { RecentOrigins } from './request-scope.ts';

describe('recent request origins', () => {
  it('stands for its user for a few seconds, one user apart from another', () => {
    let now = 0;
    const origins = new RecentOrigins(() => now);
    origins.record('a', { deviceId: 'device-a', ip: '198.51.100.1', userAgent: 'UA' });
    origins.record('b', { deviceId: 'device-b', ip: '198.51.100.2', userAgent: null });
    expect(origins.latest('a')).toEqual({ deviceId: 'device-a', ip: '198.51.100.1', userAgent: 'UA' });
    expect(origins.latest('b')?.deviceId).toBe('device-b');
    expect(origins.latest('c')).toBeNull();
    now = 10_001;
    expect(origins.latest('a')).toBeNull();
  });
});
