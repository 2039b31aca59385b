import type { IncomingMessage, ServerResponse } from 'http';
import type { NextFunction, Request, Response } from 'express';
import * as cookie from 'cookie';
import { BaseClient, generators, Issuer, TokenSet } from 'openid-client';
import { ProblemDocument, writeProblem } from '@overgang/web';
import { PendingLogins, Session, SessionLimits, SessionStore } from './session-store';

export const SESSION_COOKIE = 'overgang_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface BrowserSignInSettings extends SessionLimits {
  /** The people's issuer the browser signs in at. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The gateway's own address as the browser sees it (the callback is `<publicUrl>/auth/callback`). */
  publicUrl: () => string;
}

function refusal(status: number, code: string, detail: string): { problem: ProblemDocument } {
  const titles: Record<number, string> = { 401: 'Not signed in', 403: 'Forbidden', 502: 'Bad Gateway' };
  return {
    problem: {
      type: `urn:overgang:problem:${code.toLowerCase().replace(/[._]/g, '-')}`,
      title: titles[status] ?? 'Error',
      status,
      code,
      detail,
    },
  };
}

/** Only a path on this site: never another origin (an open redirect). */
const safeReturnTo = (value: unknown) =>
  typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';

/**
 * The browser's sign-in through the gateway (backend for frontend): authorization code with PKCE at
 * the people's issuer (openid-client), the tokens kept here, the browser given only an http-only
 * SameSite=Lax session cookie (Secure off localhost). A request carrying the cookie is forwarded with
 * the person's access token, so every service still verifies a token itself; a state-changing one
 * must also carry the session's CSRF token in X-CSRF-Token.
 */
export class BrowserSignIn {
  private readonly sessions: SessionStore;
  private readonly pending = new PendingLogins();
  private client: Promise<BaseClient> | null = null;

  constructor(
    private readonly settings: BrowserSignInSettings,
    now?: () => number,
  ) {
    this.sessions = new SessionStore(settings, now);
  }

  private get redirectUri() {
    return `${this.settings.publicUrl()}/auth/callback`;
  }

  private oidcClient(): Promise<BaseClient> {
    this.client ??= Issuer.discover(this.settings.issuer).then(
      (issuer) =>
        new issuer.Client({
          client_id: this.settings.clientId,
          client_secret: this.settings.clientSecret,
          redirect_uris: [this.redirectUri],
          response_types: ['code'],
        }),
    );
    // A provider that was not up yet is asked again by the next sign-in.
    this.client.catch(() => (this.client = null));
    return this.client;
  }

  private cookie(value: string, maxAgeS: number): string {
    return cookie.serialize(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(this.settings.publicUrl()),
      path: '/',
      maxAge: maxAgeS,
    });
  }

  private sessionOf(req: IncomingMessage): Session | null {
    const id = cookie.parse(req.headers.cookie ?? '')[SESSION_COOKIE];
    return this.sessions.use(id);
  }

  /** GET /auth/login, /auth/callback, /auth/session and POST /auth/logout; the rest passes on. */
  routes() {
    return (req: Request, res: Response, next: NextFunction) => {
      const path = req.path;
      const run = (f: () => Promise<void>) =>
        f().catch((err: unknown) => {
          writeProblem(res, refusal(502, 'SESSION.PROVIDER_FAILED', signInFailure(err)), req);
        });
      if (req.method === 'GET' && path === '/auth/login') return void run(() => this.login(req, res));
      if (req.method === 'GET' && path === '/auth/callback') return void run(() => this.callback(req, res));
      if (req.method === 'GET' && path === '/auth/session') return this.describe(req, res);
      if (req.method === 'POST' && path === '/auth/logout') return void run(() => this.logout(req, res));
      next();
    };
  }

  private async login(req: Request, res: Response): Promise<void> {
    const client = await this.oidcClient();
    const codeVerifier = generators.codeVerifier();
    const state = generators.state();
    const nonce = generators.nonce();
    this.pending.add(state, { codeVerifier, nonce, returnTo: safeReturnTo(req.query.returnTo) });
    res.redirect(
      302,
      client.authorizationUrl({
        scope: 'openid',
        code_challenge: generators.codeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      }),
    );
  }

  private async callback(req: Request, res: Response): Promise<void> {
    const client = await this.oidcClient();
    const params = client.callbackParams(req);
    const login = this.pending.take(typeof params.state === 'string' ? params.state : undefined);
    if (!login) {
      writeProblem(
        res,
        refusal(
          401,
          'SESSION.LOGIN_UNKNOWN',
          'This sign-in was not started here, or it took too long. Sign in again.',
        ),
        req,
      );
      return;
    }
    const tokens = await client.callback(this.redirectUri, params, {
      code_verifier: login.codeVerifier,
      state: params.state,
      nonce: login.nonce,
    });
    const session = this.sessions.create({ ...this.tokenFields(tokens), subject: tokens.claims().sub });
    res.setHeader('set-cookie', this.cookie(session.id, Math.floor(this.settings.maxMs / 1000)));
    res.redirect(302, login.returnTo);
  }

  private tokenFields(tokens: TokenSet) {
    if (!tokens.access_token) throw new Error('the provider gave no access token');
    return {
      accessToken: tokens.access_token,
      accessTokenExpiresAt: (tokens.expires_at ?? 0) * 1000,
      refreshToken: tokens.refresh_token ?? null,
      idToken: tokens.id_token ?? null,
    };
  }

  /** Who is signed in, and the CSRF token the web app sends back; 401 when nobody is. */
  private describe(req: Request, res: Response): void {
    const session = this.sessionOf(req);
    if (!session) {
      writeProblem(res, refusal(401, 'SESSION.NONE', 'Nobody is signed in in this browser.'), req);
      return;
    }
    res.setHeader('cache-control', 'no-store');
    res.json({
      subject: session.subject,
      csrfToken: session.csrfToken,
      expiresAt: new Date(
        Math.min(session.createdAt + this.settings.maxMs, session.lastSeenAt + this.settings.idleMs),
      ).toISOString(),
    });
  }

  private async logout(req: Request, res: Response): Promise<void> {
    const session = this.sessionOf(req);
    if (session && !this.csrfHolds(req, session)) return this.refuseCsrf(req, res);
    if (session) this.sessions.end(session.id);
    res.setHeader('set-cookie', this.cookie('', 0));
    const client = await this.oidcClient();
    // The provider's own session ends too (RP-initiated logout), then the browser comes back here.
    const endSessionUrl = client.issuer.metadata.end_session_endpoint
      ? client.endSessionUrl({
          id_token_hint: session?.idToken ?? undefined,
          post_logout_redirect_uri: `${this.settings.publicUrl()}/`,
        })
      : null;
    res.json({ signedOut: true, endSessionUrl });
  }

  private csrfHolds(req: IncomingMessage, session: Session): boolean {
    return req.headers['x-csrf-token'] === session.csrfToken;
  }

  private refuseCsrf(req: IncomingMessage, res: ServerResponse): void {
    writeProblem(
      res,
      refusal(
        403,
        'SESSION.CSRF_TOKEN_MISSING',
        'A change from the browser must carry the session’s X-CSRF-Token header.',
      ),
      req,
    );
  }

  /**
   * Before the proxies: a request with the session cookie and no Authorization of its own is sent
   * on with the person's access token (renewed with the refresh token when it has run out); an
   * ended session is 401, a change without the CSRF token 403. Requests without the cookie pass as
   * they are (agency systems send their own bearer token).
   */
  forwardSession() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (req.headers.authorization || !req.path.startsWith('/api/')) return next();
      const hasCookie = SESSION_COOKIE in cookie.parse(req.headers.cookie ?? '');
      if (!hasCookie) return next();
      const session = this.sessionOf(req);
      if (!session) {
        res.setHeader('set-cookie', this.cookie('', 0));
        writeProblem(res, refusal(401, 'SESSION.EXPIRED', 'Your session has ended. Sign in again.'), req);
        return;
      }
      if (STATE_CHANGING.has(req.method) && !this.csrfHolds(req, session)) return this.refuseCsrf(req, res);
      this.fresh(session)
        .then((accessToken) => {
          if (!accessToken) {
            this.sessions.end(session.id);
            res.setHeader('set-cookie', this.cookie('', 0));
            writeProblem(res, refusal(401, 'SESSION.EXPIRED', 'Your session has ended. Sign in again.'), req);
            return;
          }
          req.headers.authorization = `Bearer ${accessToken}`;
          next();
        })
        .catch(next);
    };
  }

  /** The session's access token, renewed a minute before it runs out; null when it cannot be. */
  private async fresh(session: Session): Promise<string | null> {
    if (session.accessTokenExpiresAt - Date.now() > 60_000) return session.accessToken;
    if (!session.refreshToken) return null;
    try {
      const client = await this.oidcClient();
      this.sessions.update(session, this.tokenFields(await client.refresh(session.refreshToken)));
      return session.accessToken;
    } catch {
      return null;
    }
  }
}

/** Why the sign-in failed, without the provider's own words (they may echo request values). */
function signInFailure(err: unknown): string {
  const name = err instanceof Error ? err.name : 'Error';
  return `The sign-in could not be completed (${name}). Try again; if it keeps failing, the sign-in service may be down.`;
}
