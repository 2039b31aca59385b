import { ParseUUIDPipe } from '@nestjs/common';

/** What the controllers read from a request beside its body: the correlation id header. */
export type HttpRequest = { headers: Record<string, string | undefined> };

/** The request's correlation id (the correlation-id middleware sets one on every request). */
export const correlation = (req: HttpRequest) => req.headers['x-correlation-id'] ?? 'none';

/** A malformed id is answered like an unknown one: 404, not a hint about what exists. */
export const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });
