import { PendingLogins, SessionStore } from './session-store';

const tokens = {
  accessToken: 'a',
  accessTokenExpiresAt: 0,
  refreshToken: null,
  idToken: null,
  subject: 'cp-nav-drammen-1',
};

describe('SessionStore', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('ends a session left unused for the idle time', () => {
    const store = new SessionStore({ idleMs: 60_000, maxMs: 3_600_000 }, clock);
    const s = store.create(tokens);
    now += 59_000;
    expect(store.use(s.id)).not.toBeNull();
    now += 59_000; // used a moment ago: still there
    expect(store.use(s.id)).not.toBeNull();
    now += 61_000;
    expect(store.use(s.id)).toBeNull();
    expect(store.use(s.id)).toBeNull();
  });

  it('ends a session at its absolute time, however busy', () => {
    const store = new SessionStore({ idleMs: 60_000, maxMs: 180_000 }, clock);
    const s = store.create(tokens);
    for (let i = 0; i < 3; i++) {
      now += 50_000;
      expect(store.use(s.id)).not.toBeNull();
    }
    now += 50_000;
    expect(store.use(s.id)).toBeNull();
  });

  it('gives each session its own id and CSRF token, and forgets an ended one', () => {
    const store = new SessionStore({ idleMs: 60_000, maxMs: 180_000 }, clock);
    const a = store.create(tokens);
    const b = store.create(tokens);
    expect(a.id).not.toBe(b.id);
    expect(a.csrfToken).not.toBe(a.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    store.end(a.id);
    expect(store.use(a.id)).toBeNull();
    expect(store.use(undefined)).toBeNull();
  });
});

describe('PendingLogins', () => {
  it('hands a login out once, and not after ten minutes', () => {
    let now = 0;
    const pending = new PendingLogins(() => now);
    pending.add('s1', { codeVerifier: 'v', nonce: 'n', returnTo: '/' });
    expect(pending.take('s1')).toMatchObject({ codeVerifier: 'v' });
    expect(pending.take('s1')).toBeNull();
    pending.add('s2', { codeVerifier: 'v', nonce: 'n', returnTo: '/' });
    now += 600_001;
    expect(pending.take('s2')).toBeNull();
  });
});
