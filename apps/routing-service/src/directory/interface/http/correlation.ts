export type CorrelatedRequest = { headers: Record<string, string | undefined> };

/** The request's correlation id (the web layer always sets one), carried on to every message. */
export const correlation = (req: CorrelatedRequest) => req.headers['x-correlation-id'] ?? 'directory';
