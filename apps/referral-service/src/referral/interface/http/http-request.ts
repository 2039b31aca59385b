/** What the controllers read from a request beside its body: the correlation id header. */
export type HttpRequest = { headers: Record<string, string | undefined> };

/** The request's correlation id (the correlation-id middleware sets one on every request). */
export const correlation = (req: HttpRequest) => req.headers['x-correlation-id'] ?? 'none';

/** An id that is not a UUID is 400 naming the parameter; it cannot exist, so that hints at nothing. */
export { uuidParam as uuid } from '@overgang/web';
