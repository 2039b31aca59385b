/** The parts of the merged OpenAPI document the fuzz suite reads. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  format?: string;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  allOf?: SchemaObject[];
}

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema?: SchemaObject }> };
}

export interface OpenApiDocument {
  info?: { description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export interface WriteOperation {
  /** `POST /api/v1/referrals/{id}/reject`, the key the catalogue uses. */
  key: string;
  method: string;
  path: string;
  pathParams: string[];
  /** Media types the document says the body may have. */
  mediaTypes: string[];
  schema: SchemaObject | null;
}

export const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

export async function fetchOpenApi(gateway: string): Promise<OpenApiDocument> {
  const res = await fetch(`${gateway}/docs-json`);
  if (!res.ok) throw new Error(`GET /docs-json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

/** Follows $ref and flattens allOf, so callers see one object schema. */
export function resolve(doc: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject | null {
  if (!schema) return null;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components?.schemas?.[name]);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(doc, s)).filter((s): s is SchemaObject => !!s);
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  return schema;
}

/** Every POST, PUT, PATCH and DELETE under /api/ in the document. */
export function writeOperations(doc: OpenApiDocument): WriteOperation[] {
  const ops: WriteOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!WRITE_METHODS.includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        mediaTypes: Object.keys(content),
        schema: resolve(doc, json),
      });
    }
  }
  return ops.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * A body built from the schema alone (examples, first enum values, placeholders), for an endpoint
 * the catalogue does not know yet: likely refused by validation, which is what gets fuzzed then.
 */
export function bodyFromSchema(doc: OpenApiDocument, schema: SchemaObject | null, depth = 0): unknown {
  const s = resolve(doc, schema ?? undefined);
  if (!s || depth > 4) return {};
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.type === 'array' ? [s.enum[0]] : s.enum[0];
  if (s.type === 'array') return [bodyFromSchema(doc, s.items ?? null, depth + 1)];
  if (s.type === 'number' || s.type === 'integer') return 1;
  if (s.type === 'boolean') return true;
  if (s.type === 'string') return 'fuzz';
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(s.properties ?? {}))
    out[name] = bodyFromSchema(doc, prop, depth + 1);
  return out;
}

/** The top-level fields of a body schema, optional ones included. */
export function schemaFields(doc: OpenApiDocument, schema: SchemaObject | null): string[] {
  return Object.keys(resolve(doc, schema ?? undefined)?.properties ?? {});
}
