import { Controller, Get, Header, HttpException, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Area, GatewayEnv, upstreams } from './config/env.schema';

export const GATEWAY_ENV = Symbol('GATEWAY_ENV');

const LANDING = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Overgang</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Overgang</h1>
<p>The hub where a municipality, NAV, Kriminalomsorgen and the health trusts hand a person over
between them — with consent, to a named contact person, with every answer deadline watched.</p>
<ul><li><a href="/docs">API documentation</a></li><li><a href="/health">Health</a></li></ul>
</body></html>`;

@ApiExcludeController()
@Controller()
export class GatewayController {
  constructor(@Inject(GATEWAY_ENV) private readonly env: GatewayEnv) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  landing(): string {
    return LANDING;
  }

  @Get('health')
  async health() {
    const results = {} as Record<Area, string>;
    await Promise.all(
      Object.entries(upstreams(this.env)).map(async ([area, base]) => {
        try {
          const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
          results[area as Area] = res.ok ? 'ok' : 'not ready';
        } catch {
          results[area as Area] = 'unreachable';
        }
      }),
    );
    const body = {
      status: Object.values(results).every((r) => r === 'ok') ? 'ok' : 'degraded',
      upstreams: results,
    };
    if (body.status !== 'ok') throw new HttpException(body, 503);
    return body;
  }
}
