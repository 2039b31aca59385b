import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '@overgang/auth';

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** Extra readiness checks a service adds (e.g. "the recipient map has arrived"). */
export type HealthCheck = () => Promise<{ name: string; ok: boolean; detail?: string }>;

/** A database that has not answered SELECT 1 by now is as good as down, for a load balancer. */
export const HEALTH_TIMEOUT_MS = 2_000;

interface Report {
  ok: boolean;
  checks: Record<string, string>;
}

class TimedOut extends Error {}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  /** The checks in flight: probes arriving while the database hangs share them, not the pool. */
  private running: Promise<Report> | null = null;

  constructor(
    private readonly ds: DataSource,
    @Optional() @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[] = [],
  ) {}

  /** 200 when ready; 503 problem+json within HEALTH_TIMEOUT_MS when the database is down or frozen. */
  @Public()
  @Get()
  async health(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    this.running ??= this.check().finally(() => (this.running = null));
    let report: Report;
    try {
      report = await within(HEALTH_TIMEOUT_MS, this.running);
    } catch {
      report = { ok: false, checks: { database: `no answer within ${HEALTH_TIMEOUT_MS} ms` } };
    }
    if (!report.ok) throw new ServiceUnavailableException(`Not ready: ${JSON.stringify(report.checks)}`);
    return { status: 'ok', checks: report.checks };
  }

  private async check(): Promise<Report> {
    const checks: Record<string, string> = {};
    try {
      await this.ds.query('SELECT 1');
      checks.database = 'ok';
    } catch {
      return { ok: false, checks: { database: 'unreachable' } };
    }
    let ok = true;
    for (const check of this.checks ?? []) {
      try {
        const r = await check();
        checks[r.name] = r.ok ? 'ok' : (r.detail ?? 'not ready');
        ok &&= r.ok;
      } catch {
        checks.readiness = 'a check could not read the database';
        ok = false;
      }
    }
    return { ok, checks };
  }
}
