import { randomBytes } from 'crypto';

/** A signed-in person's session: the tokens stay here, the browser holds only the session id. */
export interface Session {
  id: string;
  /** Sent by the web app in X-CSRF-Token on every state-changing request. */
  csrfToken: string;
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string | null;
  idToken: string | null;
  /** Who signed in (the id token's sub), for the web app's header; no personal data beyond it. */
  subject: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  /** A session unused this long ends (ms). */
  idleMs: number;
  /** A session ends this long after sign-in, used or not (ms). */
  maxMs: number;
}

const newId = () => randomBytes(32).toString('base64url');

/**
 * Sessions in this gateway process's memory, ended by their idle and absolute timeouts. Replicas of
 * the gateway need a shared store (issue 18); a restart signs everybody out, which is safe.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly limits: SessionLimits,
    private readonly now: () => number = () => Date.now(),
  ) {}

  create(tokens: Omit<Session, 'id' | 'csrfToken' | 'createdAt' | 'lastSeenAt'>): Session {
    this.sweep();
    const at = this.now();
    const session: Session = { ...tokens, id: newId(), csrfToken: newId(), createdAt: at, lastSeenAt: at };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, touched; an ended one is forgotten and gives null. */
  use(id: string | undefined): Session | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    const at = this.now();
    if (at - session.lastSeenAt > this.limits.idleMs || at - session.createdAt > this.limits.maxMs) {
      this.sessions.delete(id);
      return null;
    }
    session.lastSeenAt = at;
    return session;
  }

  update(
    session: Session,
    tokens: Partial<Pick<Session, 'accessToken' | 'accessTokenExpiresAt' | 'refreshToken' | 'idToken'>>,
  ): void {
    Object.assign(session, tokens);
  }

  end(id: string): Session | null {
    const session = this.sessions.get(id) ?? null;
    this.sessions.delete(id);
    return session;
  }

  private sweep(): void {
    const at = this.now();
    for (const [id, s] of this.sessions) {
      if (at - s.lastSeenAt > this.limits.idleMs || at - s.createdAt > this.limits.maxMs)
        this.sessions.delete(id);
    }
  }
}

/** Logins under way: the PKCE verifier, state and nonce, kept until the provider calls back (10 min). */
export class PendingLogins {
  private readonly pending = new Map<
    string,
    { codeVerifier: string; nonce: string; returnTo: string; at: number }
  >();

  constructor(private readonly now: () => number = () => Date.now()) {}

  add(state: string, login: { codeVerifier: string; nonce: string; returnTo: string }): void {
    const at = this.now();
    for (const [key, p] of this.pending) if (at - p.at > 600_000) this.pending.delete(key);
    this.pending.set(state, { ...login, at });
  }

  /** The login for this state, once: a replayed callback finds nothing. */
  take(state: string | undefined): { codeVerifier: string; nonce: string; returnTo: string } | null {
    if (!state) return null;
    const p = this.pending.get(state);
    this.pending.delete(state);
    return p && this.now() - p.at <= 600_000 ? p : null;
  }
}
