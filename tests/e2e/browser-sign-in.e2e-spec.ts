import { aConsent, aNationalId } from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

/**
 * The browser's sign-in through the gateway against the real provider, step by step as a browser
 * takes it: the gateway's /auth/login, the provider's login page, its redirect back with a code,
 * the gateway's session cookie, then API calls with that cookie alone.
 */
describe('browser sign-in through the gateway (authorization code with PKCE), end to end', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub();
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const get = (url: string, cookie?: string) =>
    fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });

  /** Signs a demo user in; the claims come from the login page's own script, as the browser sends them. */
  async function signIn(user: string, returnTo = '/api/v1/referrals/inbox') {
    const login = await get(`${hub.gateway}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    expect(login.status).toBe(302);
    const authorize = login.headers.get('location') as string;
    expect(authorize).toMatch(/\/ansatt\/authorize\?/);
    expect(new URL(authorize).searchParams.get('code_challenge_method')).toBe('S256');
    const page = await (await get(authorize)).text();
    expect(page).toContain('Logg inn i Overgang');
    const claims = JSON.parse(/const claims = (\{.*\});/.exec(page)![1]) as Record<string, unknown>;
    const posted = await fetch(authorize, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: user, claims: JSON.stringify(claims[user]) }).toString(),
    });
    const callback = posted.headers.get('location') as string;
    expect(callback.startsWith(`${hub.gateway}/auth/callback?`)).toBe(true);
    const back = await get(callback);
    expect(back.status).toBe(302);
    const setCookie = back.headers.get('set-cookie') as string;
    return { back, setCookie, cookie: setCookie.split(';')[0], callback };
  }

  it('signs a caseworker in: an http-only SameSite=Lax cookie, the tokens kept by the gateway, the inbox with the cookie alone', async () => {
    const { back, setCookie, cookie } = await signIn('cp-nav-drammen-1');
    expect(back.headers.get('location')).toBe('/api/v1/referrals/inbox');
    expect(setCookie).toMatch(/^overgang_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // 127.0.0.1: Secure only outside localhost
    expect(setCookie).not.toMatch(/eyJ/); // no token in the browser

    const session = await get(`${hub.gateway}/auth/session`, cookie);
    expect(session.status).toBe(200);
    const body = (await session.json()) as { subject: string; csrfToken: string };
    expect(body.subject).toBe('cp-nav-drammen-1');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const inbox = await get(`${hub.gateway}/api/v1/referrals/inbox`, cookie);
    expect(inbox.status).toBe(200);
    expect(await inbox.json()).toHaveProperty('items');
  });

  it('refuses a change from the browser without the session’s CSRF token before it reaches a service', async () => {
    const { cookie } = await signIn('consultant-drammen-fengsel');
    const { csrfToken } = (await (await get(`${hub.gateway}/auth/session`, cookie)).json()) as {
      csrfToken: string;
    };
    const consent = JSON.stringify(aConsent({ nationalId: aNationalId() }));
    const post = (headers: Record<string, string>) =>
      fetch(`${hub.gateway}/api/v1/consents`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: consent,
      });
    const refused = await post({});
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ code: 'SESSION.CSRF_TOKEN_MISSING' });
    expect((await post({ 'x-csrf-token': 'not-the-token' })).status).toBe(403);
    const stored = await post({ 'x-csrf-token': csrfToken });
    expect(stored.status).toBe(201);
  });

  it('signs out: the session ends here and at the provider, and the old cookie lets nobody in', async () => {
    const { cookie } = await signIn('cp-drammen-bolig-1');
    const { csrfToken } = (await (await get(`${hub.gateway}/auth/session`, cookie)).json()) as {
      csrfToken: string;
    };
    const logout = (headers: Record<string, string>) =>
      fetch(`${hub.gateway}/auth/logout`, { method: 'POST', headers: { cookie, ...headers } });
    expect((await logout({})).status).toBe(403);
    const out = await logout({ 'x-csrf-token': csrfToken });
    expect(out.status).toBe(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    expect(endSessionUrl).toMatch(/\/ansatt\/endsession\?/);
    expect(new URL(endSessionUrl).searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect(out.headers.get('set-cookie')).toMatch(/^overgang_session=;.*Max-Age=0/i);

    const after = await get(`${hub.gateway}/api/v1/referrals/inbox`, cookie);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'SESSION.EXPIRED' });
    expect((await get(`${hub.gateway}/auth/session`, cookie)).status).toBe(401);
  });

  it('takes a callback once, and never sends the browser to another site', async () => {
    const { callback } = await signIn('cp-nav-drammen-1');
    const replay = await get(callback);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'SESSION.LOGIN_UNKNOWN' });
    const { back } = await signIn('cp-nav-drammen-1', 'https://evil.example/');
    expect(back.headers.get('location')).toBe('/');
  });
});
