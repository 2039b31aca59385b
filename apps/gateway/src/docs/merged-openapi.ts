import { Logger } from '@nestjs/common';
import { safeError } from '@overgang/observability';
import { OpenAPIObject } from '@nestjs/swagger';
import { Area } from '../proxy/routes';

type Components = NonNullable<OpenAPIObject['components']>;
type Tag = NonNullable<OpenAPIObject['tags']>[number];

const DESCRIPTION =
  'Consented referrals between municipalities, NAV, Kriminalomsorgen and the health trusts: who has it, and when is it due. ' +
  'Every call needs a bearer token (locally: npm run -s token -- <user>).';

function isOpenApi(doc: unknown): doc is OpenAPIObject {
  return typeof doc === 'object' && doc !== null && typeof (doc as OpenAPIObject).paths === 'object';
}

async function fetchDoc(base: string): Promise<OpenAPIObject> {
  const res = await fetch(`${base}/docs-json`, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const doc: unknown = await res.json();
  if (!isOpenApi(doc)) throw new Error('not an OpenAPI document');
  return doc;
}

/**
 * One OpenAPI document for the whole hub, merged from each service's own /docs-json. Built on
 * request and cached briefly, so the gateway starts before the services and catches up when they do.
 */
export class MergedOpenApi {
  private readonly logger = new Logger('MergedOpenApi');
  private cache: { until: number; doc: Promise<OpenAPIObject> } | null = null;

  constructor(
    private readonly upstreams: Record<Area, string>,
    private readonly ttlMs = 10_000,
  ) {}

  document(): Promise<OpenAPIObject> {
    if (!this.cache || Date.now() >= this.cache.until) {
      this.cache = { until: Date.now() + this.ttlMs, doc: this.build() };
    }
    return this.cache.doc;
  }

  private async build(): Promise<OpenAPIObject> {
    const areas = Object.entries(this.upstreams) as Array<[Area, string]>;
    const fetched = await Promise.all(
      areas.map(([area, base]) =>
        fetchDoc(base).then(
          (doc) => ({ area, doc }),
          (err: unknown) => {
            this.logger.warn({ msg: `no OpenAPI document from the ${area} service`, err: safeError(err) });
            return { area, doc: null };
          },
        ),
      ),
    );
    const schemas: NonNullable<Components['schemas']> = {};
    const securitySchemes: NonNullable<Components['securitySchemes']> = {
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    };
    const tags: Tag[] = [];
    const merged: OpenAPIObject = {
      openapi: '3.0.0',
      info: { title: 'Overgang API', version: '1', description: DESCRIPTION },
      paths: {},
      tags,
      components: { schemas, securitySchemes },
    };
    const notes: string[] = [];
    for (const { area, doc } of fetched) {
      if (!doc) {
        notes.push(`The ${area} service did not answer, so its endpoints are not shown now; reload shortly.`);
        continue;
      }
      // Only the public API: each service's /health and /docs stay its own.
      for (const [path, item] of Object.entries(doc.paths)) {
        if (path.startsWith('/api/')) merged.paths[path] = { ...merged.paths[path], ...item };
      }
      for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
        if (name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(schema)) {
          notes.push(`Schema ${name} differs between services; the ${area} service's version is not shown.`);
        } else {
          schemas[name] = schema;
        }
      }
      Object.assign(securitySchemes, doc.components?.securitySchemes ?? {});
      for (const tag of doc.tags ?? []) {
        if (!tags.some((t) => t.name === tag.name)) tags.push(tag);
      }
    }
    if (notes.length > 0) merged.info.description += `\n\n**Note:** ${notes.join(' ')}`;
    return merged;
  }
}
