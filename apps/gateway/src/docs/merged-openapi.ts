import { OpenAPIObject } from '@nestjs/swagger';
import { Area } from '../config/env.schema';

type Doc = Partial<OpenAPIObject> & { paths?: Record<string, unknown> };

async function fetchDoc(base: string): Promise<Doc> {
  const res = await fetch(`${base}/docs-json`, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Doc;
}

/**
 * One OpenAPI document for the whole hub, merged from each service's own. Built on request and
 * cached briefly, so the gateway starts before the services and catches up when they do.
 */
export class MergedOpenApi {
  private cache: { at: number; doc: OpenAPIObject } | null = null;

  constructor(
    private readonly upstreams: Record<Area, string>,
    private readonly ttlMs = 10_000,
  ) {}

  async document(): Promise<OpenAPIObject> {
    if (this.cache && Date.now() - this.cache.at < this.ttlMs) return this.cache.doc;
    const merged: OpenAPIObject = {
      openapi: '3.0.0',
      info: {
        title: 'Overgang API',
        version: '1',
        description:
          'Consented referrals between municipalities, NAV, Kriminalomsorgen and the health trusts: who has it, and when is it due. Every call needs a bearer token (locally: npm run -s token -- <user>).',
      },
      paths: {},
      tags: [],
      components: {
        schemas: {},
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    };
    const missing: string[] = [];
    for (const [area, base] of Object.entries(this.upstreams)) {
      try {
        const doc = await fetchDoc(base);
        for (const [path, item] of Object.entries(doc.paths ?? {})) {
          if (path.startsWith('/api/')) merged.paths[path] = item as OpenAPIObject['paths'][string];
        }
        Object.assign(merged.components!.schemas!, doc.components?.schemas ?? {});
        for (const tag of doc.tags ?? []) {
          if (!merged.tags!.some((t) => t.name === tag.name)) merged.tags!.push(tag);
        }
      } catch {
        missing.push(area);
      }
    }
    if (missing.length > 0) {
      merged.info.description += ` (Not shown now, the service did not answer: ${missing.join(', ')}.)`;
    } else {
      this.cache = { at: Date.now(), doc: merged };
    }
    return merged;
  }
}
