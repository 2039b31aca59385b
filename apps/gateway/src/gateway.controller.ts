import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SERVICE_ENV } from '@overgang/config';
import { Response } from 'express';
import { GatewayEnv } from './config/env.schema';
import { Area, upstreams } from './proxy/routes';

export type UpstreamState = 'ok' | 'not ready' | 'unreachable';

export interface GatewayHealth {
  status: 'ok' | 'degraded';
  upstreams: Record<Area, UpstreamState>;
}

const LANDING = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Overgang</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Overgang</h1>
<p>The hub where a municipality, NAV, Kriminalomsorgen and the health trusts hand a person over
between them — with consent, to a named contact person, with every answer deadline watched.</p>
<ul><li><a href="/docs">API documentation</a></li><li><a href="/health">Health</a></li></ul>
</body></html>`;

/** Longer than a service takes to say its own database is not answering (2 s). */
const PROBE_TIMEOUT_MS = 3_000;

async function probe(base: string): Promise<UpstreamState> {
  try {
    const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body?.cancel();
    // Answering but not ready (e.g. its database is down) is not the same as gone.
    return res.ok ? 'ok' : 'not ready';
  } catch {
    return 'unreachable';
  }
}

@ApiExcludeController()
@Controller()
export class GatewayController {
  constructor(@Inject(SERVICE_ENV) private readonly env: GatewayEnv) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  landing(): string {
    return LANDING;
  }

  @Get('health')
  async health(@Res({ passthrough: true }) res: Response): Promise<GatewayHealth> {
    const entries = await Promise.all(
      Object.entries(upstreams(this.env)).map(async ([area, base]) => [area, await probe(base)] as const),
    );
    const body: GatewayHealth = {
      status: entries.every(([, state]) => state === 'ok') ? 'ok' : 'degraded',
      upstreams: Object.fromEntries(entries) as Record<Area, UpstreamState>,
    };
    res.status(body.status === 'ok' ? 200 : 503);
    return body;
  }
}
