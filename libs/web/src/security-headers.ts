import { IncomingMessage, ServerResponse } from 'http';
import helmet from 'helmet';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** Nothing but the JSON itself: no script, style, frame or form, and the page may not be framed. */
const API_POLICY = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
  sandbox: [],
};

/**
 * The pages (the landing page, Swagger UI at /docs): their own scripts and styles only. Swagger
 * UI writes inline styles and uses data: images; it fetches the document and tries requests on
 * this origin.
 */
const PAGE_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const common = {
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

// No helmet defaults for the policy: its upgrade-insecure-requests would break /docs on plain http locally.
const api = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: API_POLICY } });
const page = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: PAGE_POLICY } });

/** The paths that are HTML pages: the landing page and Swagger UI (not /docs-json). */
const isPage = (path: string) => path === '/' || /^\/docs(\/|$)/.test(path);

/**
 * Security headers on every response (helmet): HSTS, nosniff, DENY framing, no referrer, a strict
 * CSP (a looser one for the pages), and `Cache-Control: no-store`, since any API answer may carry
 * personal data. Mounted first, so refusals carry them too; the X-Powered-By header is switched
 * off where the app is made (disableXPoweredBy).
 */
export const securityHeaders: Middleware = (req, res, next) => {
  res.setHeader('cache-control', 'no-store');
  const path = ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0];
  (isPage(path) ? page : api)(req, res, next);
};

/** Express announces itself in X-Powered-By unless told not to. */
export function disableXPoweredBy(app: { getHttpAdapter(): { getInstance(): unknown } }): void {
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
}
