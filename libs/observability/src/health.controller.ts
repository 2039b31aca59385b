import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '@overgang/auth';

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** Extra readiness checks a service adds (e.g. "the recipient map has arrived"). */
export type HealthCheck = () => Promise<{ name: string; ok: boolean; detail?: string }>;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    @Optional() @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[] = [],
  ) {}

  @Public()
  @Get()
  async health(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    const results: Record<string, string> = {};
    let ok = true;
    try {
      await this.ds.query('SELECT 1');
      results.database = 'ok';
    } catch {
      results.database = 'unreachable';
      ok = false;
    }
    for (const check of this.checks ?? []) {
      const r = await check();
      results[r.name] = r.ok ? 'ok' : (r.detail ?? 'not ready');
      ok &&= r.ok;
    }
    if (!ok) throw new ServiceUnavailableException(`Not ready: ${JSON.stringify(results)}`);
    return { status: 'ok', checks: results };
  }
}
