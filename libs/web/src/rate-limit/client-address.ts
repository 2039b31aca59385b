import { normalizeIp, ThrottlerStorage } from '@nestjs/throttler';
import { Request } from 'express';

/**
 * The caller's address as Express sees it under the app's `trust proxy` setting (TRUSTED_PROXIES):
 * X-Forwarded-For counts only when it comes from a trusted proxy, so a client cannot pick its own.
 * An IPv6 address stands for its /64, which one client may rotate through freely.
 */
export function clientAddress(req: Pick<Request, 'ip' | 'socket'>): string {
  return normalizeIp(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/**
 * One hit in a sliding window: the seconds until the caller may try again when it is over its
 * limit (the refused hit is not counted), else null.
 */
export async function hitWindow(
  storage: ThrottlerStorage,
  key: string,
  limit: number,
  windowMs: number,
): Promise<number | null> {
  // A block duration of 0 makes the storage a sliding log: each hit expires windowMs after it was made.
  const r = await storage.increment(key, windowMs, limit, 0, 'default');
  return r.isBlocked ? Math.max(1, r.timeToBlockExpire) : null;
}

/** Express's `trust proxy` value for a TRUSTED_PROXIES list ("loopback, 10.0.0.0/8"); empty trusts nobody. */
export function trustProxySetting(list: string): string[] | false {
  const entries = list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.length > 0 ? entries : false;
}

/** Believes X-Forwarded-For from these proxies only (see trustProxySetting). */
export function trustProxies(app: { getHttpAdapter(): { getInstance(): unknown } }, list: string): void {
  (app.getHttpAdapter().getInstance() as { set(setting: string, value: unknown): void }).set(
    'trust proxy',
    trustProxySetting(list),
  );
}
