import { OpenAPIObject } from '@nestjs/swagger';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_TTL_HOURS,
  IDEMPOTENT_REPLAYED_HEADER,
  MAX_IDEMPOTENCY_KEY_LENGTH,
} from './idempotency-key';

type PathItem = OpenAPIObject['paths'][string];
type Operation = NonNullable<PathItem['post']>;

const METHODS = ['post', 'put', 'patch', 'delete'] as const;

const PARAMETER = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header' as const,
  required: false,
  description:
    `Makes a retry safe: the same key with the same body within ${IDEMPOTENCY_KEY_TTL_HOURS} hours returns ` +
    `the first answer (with ${IDEMPOTENT_REPLAYED_HEADER}: true) and changes nothing again. Scoped to the caller ` +
    'and to this method and path. Use a new key (e.g. a UUID) for each new request.',
  schema: { type: 'string' as const, minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
  example: '8e03978e-40d5-43e8-bc93-6894a57f9324',
};

const REFUSALS = {
  '400': `The ${IDEMPOTENCY_KEY_HEADER} is empty, longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters or not printable ASCII (problem+json, IDEMPOTENCY.KEY_INVALID), or the request is not valid.`,
  '409': `A request with this ${IDEMPOTENCY_KEY_HEADER} is still in flight (problem+json, IDEMPOTENCY.REQUEST_IN_FLIGHT); retry shortly.`,
  '422': `The ${IDEMPOTENCY_KEY_HEADER} was used with another body (problem+json, IDEMPOTENCY.KEY_REUSED), or the request cannot be processed.`,
};

/** Documents the Idempotency-Key header on every operation that changes something. */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op: Operation | undefined = item[method];
      if (!op) continue;
      op.parameters = [...(op.parameters ?? []), PARAMETER];
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^2\d\d$/.test(status) || !response || '$ref' in response) continue;
        response.headers = {
          ...response.headers,
          [IDEMPOTENT_REPLAYED_HEADER]: {
            description: `"true" when this is the stored answer to an earlier request with the same ${IDEMPOTENCY_KEY_HEADER}.`,
            schema: { type: 'string', enum: ['true'] },
          },
        };
      }
      op.responses = { ...op.responses };
      for (const [status, description] of Object.entries(REFUSALS)) {
        op.responses[status] ??= { description };
      }
    }
  }
  return document;
}
