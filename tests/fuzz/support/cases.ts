import fc from 'fast-check';
import { Endpoint } from './catalogue';
import { Fixture } from './fixtures';
import {
  BOUNDARY,
  CSV_FAMILIES,
  MULTIPART_FAMILIES,
  csvBytes,
  csvCase,
  CsvCase,
  CsvFamily,
  multipartBytes,
  multipartCase,
  MultipartCase,
  MultipartFamily,
} from './form-cases';
import {
  BodyFamily,
  familiesFor,
  Json,
  jsonBodyBytes,
  jsonBodyCase,
  JsonBodyCase,
  Targets,
} from './json-cases';
import {
  authCase,
  AuthCase,
  authorization,
  contentTypeCase,
  ContentTypeCase,
  idempotencyKeyCase,
  IdempotencyKeyCase,
  idempotencyKeyValue,
  pathParamCase,
  PathParamCase,
  pathParamValue,
} from './request-cases';
import { WireRequest, WireResponse } from './wire';

export type Family =
  | BodyFamily
  | CsvFamily
  | MultipartFamily
  | 'content-type'
  | 'idempotency-key'
  | 'auth'
  | 'path-param';

/** One generated request: the one thing that is wrong with it, everything else as a client would send it. */
export type Case =
  | { body: JsonBodyCase }
  | { csv: CsvCase }
  | { multipart: MultipartCase }
  | { contentType: ContentTypeCase }
  | { idempotencyKey: IdempotencyKeyCase }
  | { auth: AuthCase }
  | { pathParam: PathParamCase };

/** Runs per endpoint split over its families: the open-ended mix gets most, every family at least one. */
const WEIGHT: Partial<Record<Family, number>> = {
  mixed: 3,
  // Few distinct values, and most are accepted (each accepted request waits for the hub to settle).
  'content-type': 0.25,
  'idempotency-key': 0.25,
  auth: 0.25,
  'path-param': 0.25,
};

/** The endpoint's path has a parameter (an id the fixture or `param` supplies). */
export const hasPathParam = (e: Endpoint) => /\{[^}]+\}/.test(e.key);

export function familiesOf(e: Endpoint, sample: Targets): Family[] {
  const headers: Family[] = ['content-type', 'idempotency-key', 'auth'];
  const path: Family[] = hasPathParam(e) ? ['path-param'] : [];
  switch (e.body.kind) {
    case 'json':
    case 'none':
      return [...familiesFor(sample), ...headers, ...path];
    case 'csv':
      return ['csv-cells', 'csv-structure', 'csv-encoding', ...headers, ...path];
    case 'multipart':
      return ['file-content', 'file-name', 'form-structure', ...headers, ...path];
  }
}

export function runsFor(family: Family, families: Family[], perEndpoint: number): number {
  const total = families.reduce((a, f) => a + (WEIGHT[f] ?? 1), 0);
  return Math.max(1, Math.round((perEndpoint * (WEIGHT[family] ?? 1)) / total));
}

const isCsvFamily = (f: Family): f is CsvFamily => (CSV_FAMILIES as readonly string[]).includes(f);
const isMultipartFamily = (f: Family): f is MultipartFamily =>
  (MULTIPART_FAMILIES as readonly string[]).includes(f);

export function caseArbitrary(
  family: Family,
  targets: Targets,
  validContentType: string | null,
): fc.Arbitrary<Case> {
  if (family === 'content-type')
    return contentTypeCase(validContentType).map((contentType) => ({ contentType }));
  if (family === 'idempotency-key') return idempotencyKeyCase.map((idempotencyKey) => ({ idempotencyKey }));
  if (family === 'auth') return authCase.map((auth) => ({ auth }));
  if (family === 'path-param') return pathParamCase.map((pathParam) => ({ pathParam }));
  if (isCsvFamily(family)) return csvCase(family).map((csv) => ({ csv }));
  if (isMultipartFamily(family)) return multipartCase(family).map((multipart) => ({ multipart }));
  return jsonBodyCase(family, targets).map((body) => ({ body }));
}

export const validContentTypeOf = (e: Endpoint): string =>
  e.body.kind === 'csv'
    ? 'text/csv'
    : e.body.kind === 'multipart'
      ? `multipart/form-data; boundary=${BOUNDARY}`
      : 'application/json';

export function baseJson(e: Endpoint, f: Fixture | null): Json {
  return e.body.kind === 'json' ? e.body.base(f) : {};
}

const VALID_MULTIPART: MultipartCase = {
  content: 'pdf',
  partType: 'application/pdf',
  filename: 'vedtak.pdf',
  field: 'file',
  structure: 'well-formed',
};

/** The bytes and headers of a case against an endpoint. */
export function materialise(
  e: Endpoint,
  c: Case,
  fixture: Fixture | null,
  correlationId: string,
): WireRequest {
  const [method, template] = e.key.split(' ');
  const paramValue = e.param ?? fixture?.id ?? '';
  const param = 'pathParam' in c ? pathParamValue(c.pathParam, paramValue) : encodeURIComponent(paramValue);
  const path = template.replace(/\{[^}]+\}/g, () => param);

  let body: Buffer;
  if (e.body.kind === 'csv')
    body = csvBytes(e.body.header, e.body.rows(), 'csv' in c ? c.csv : { mutations: [], encoding: 'utf8' });
  else if (e.body.kind === 'multipart')
    body = multipartBytes('multipart' in c ? c.multipart : VALID_MULTIPART);
  else body = jsonBodyBytes(baseJson(e, fixture), 'body' in c ? c.body : { mutations: [] });

  const headers: Record<string, string | string[]> = { 'x-correlation-id': correlationId };
  const auth = authorization('auth' in c ? c.auth : 'right', {
    right: e.caller,
    wrongRole: e.wrongRole,
    otherOrganisation: e.otherOrganisation,
  });
  if (auth !== null) headers.authorization = auth;
  const contentType = 'contentType' in c ? c.contentType.contentType : validContentTypeOf(e);
  if (contentType !== null) headers['content-type'] = contentType;
  if ('contentType' in c && c.contentType.encoding) headers['content-encoding'] = c.contentType.encoding;
  if ('idempotencyKey' in c) {
    const key = idempotencyKeyValue(c.idempotencyKey);
    if (key !== null) headers['idempotency-key'] = key;
  }
  return { method, path, headers, body, chunked: 'contentType' in c && c.contentType.chunked };
}

/** The three properties every answer must have; returns the reason it does not, or null. */
export function answerProblem(res: WireResponse): string | null {
  if (!res.ok) return `no HTTP answer (${res.error})`;
  if (res.status >= 500) return `answered ${res.status}: a server error for a client's bad request`;
  if (res.status >= 400) {
    const type = String(res.headers['content-type'] ?? '');
    if (!/^application\/problem\+json\b/i.test(type)) {
      return `answered ${res.status} with content-type ${JSON.stringify(type || null)}, not application/problem+json`;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(res.body.toString('utf8'));
    } catch {
      return `answered ${res.status} application/problem+json whose body is not JSON`;
    }
    const status = (doc as { status?: unknown } | null)?.status;
    if (!doc || typeof doc !== 'object' || status !== res.status) {
      return `answered ${res.status} with a problem document whose status is ${JSON.stringify(status)}`;
    }
  }
  return null;
}
