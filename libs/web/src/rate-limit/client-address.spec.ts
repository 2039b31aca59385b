import { TRUSTED_PROXIES_PATTERN } from '@overgang/config';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { clientAddress, hitWindow, trustProxySetting } from './client-address';

describe('trusted proxies', () => {
  it('accepts Express trust names, addresses and ranges, and nothing that trusts every hop', () => {
    for (const ok of ['', 'loopback', 'loopback, 10.0.0.0/8', 'uniquelocal,::1', '172.18.0.2']) {
      expect(TRUSTED_PROXIES_PATTERN.test(ok)).toBe(true);
    }
    for (const bad of ['true', '*', 'all', 'loopback;10.0.0.1']) {
      expect(TRUSTED_PROXIES_PATTERN.test(bad)).toBe(false);
    }
    expect(trustProxySetting('')).toBe(false);
    expect(trustProxySetting(' loopback , 10.0.0.0/8 ')).toEqual(['loopback', '10.0.0.0/8']);
  });

  it('takes an IPv6 caller by its /64, which one client can rotate through', () => {
    const a = clientAddress({ ip: '2001:db8:1:2::1', socket: {} as never });
    const b = clientAddress({ ip: '2001:db8:1:2:ffff::9', socket: {} as never });
    expect(a).toBe(b);
    expect(clientAddress({ ip: '192.0.2.7', socket: {} as never })).toBe('192.0.2.7');
  });
});

describe('hitWindow', () => {
  it('lets the limit through, then says how long to wait, without counting the refused hits', async () => {
    const storage = new ThrottlerStorageService();
    const hits = [];
    for (let n = 0; n < 5; n++) hits.push(await hitWindow(storage, 'k', 3, 60_000));
    expect(hits.slice(0, 3)).toEqual([null, null, null]);
    expect(hits[3]).toBeGreaterThanOrEqual(59);
    expect(hits[4]).toBeLessThanOrEqual(60);
    expect(await hitWindow(storage, 'other', 3, 60_000)).toBeNull();
  });
});
