'use strict';
// The hub's clients during a fault: one Idempotency-Key per logical submission, retried with the
// same key after a network error, a 503 or a 409 REQUEST_IN_FLIGHT (and only then), within a bounded window.
const { randomUUID } = require('crypto');
const { setTimeout: sleep } = require('timers/promises');
const { syntheticNationalId } = require('../synthetic-id');
const { providerToken } = require('../token');

const RETRY_WINDOW_MS = 60_000;
const ATTEMPT_TIMEOUT_MS = 35_000;
const SENDER = 'consultant-drammen-fengsel';
/** The four municipalities of the demo directory, with their housing service and NAV office. */
const MUNICIPALITIES = [
  {
    number: '3301',
    receivers: ['100000016', '100000024'],
    users: ['cp-drammen-bolig-1', 'cp-nav-drammen-1'],
  },
  { number: '3201', receivers: ['100000032', '100000040'], users: ['cp-baerum-bolig-1', 'cp-nav-baerum-1'] },
  { number: '5038', receivers: ['100000059', '100000067'], users: ['cp-verdal-bolig-1', 'cp-nav-verdal-1'] },
  {
    number: '5035',
    receivers: ['100000075', '100000083'],
    users: ['cp-stjordal-bolig-1', 'cp-nav-stjordal-1'],
  },
];

const tokens = new Map();
/** A demo user's token from the suite's identity provider (AUTH_LOCAL_PROVIDER_URL), asked for once. */
function token(user) {
  if (!tokens.has(user)) tokens.set(user, providerToken(user));
  return tokens.get(user);
}

const isoDate = (d) => d.toISOString().slice(0, 10);
const daysFromNow = (n) => isoDate(new Date(Date.now() + n * 86400_000));

let serial = 0;
/** A synthetic national ID never used before in this run (one birth date per person). */
function freshNationalId() {
  const birth = new Date(Date.UTC(1950, 0, 1) + serial++ * 86400_000);
  return syntheticNationalId(isoDate(birth), 0);
}

async function call(
  base,
  { method = 'GET', path, user, body, headers = {}, timeoutMs = ATTEMPT_TIMEOUT_MS },
) {
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(user)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, text, retryAfter: res.headers.get('retry-after') };
  } catch (err) {
    return { status: 0, text: '', error: err.cause?.code ?? err.name ?? String(err) };
  }
}

/** One logical request; a network error, a 503 or a 409 in-flight is retried with the same headers (and key). */
async function withRetries(base, req, windowMs = RETRY_WINDOW_MS) {
  const started = Date.now();
  const until = started + windowMs;
  const trace = { attempts: 0, networkErrors: 0, unavailable: 0, errors: [] };
  for (let attempt = 0; ; attempt++) {
    const r = await call(base, {
      ...req,
      timeoutMs: Math.max(1000, Math.min(ATTEMPT_TIMEOUT_MS, until - Date.now())),
    });
    trace.attempts++;
    if (r.status === 0) {
      trace.networkErrors++;
      if (trace.errors.length < 3) trace.errors.push(r.error);
    } else if (r.status === 503) trace.unavailable++;
    // The first attempt is still being carried out (its answer may have been lost to a timeout):
    // the Idempotency-Key draft's 409 asks to come back later, and the replay then gives its answer.
    else if (r.status === 409 && r.text.includes('IDEMPOTENCY.REQUEST_IN_FLIGHT'))
      trace.inFlight = (trace.inFlight ?? 0) + 1;
    else return { ...r, ...trace, ms: Date.now() - started };
    const hinted = Number(r.retryAfter);
    const wait =
      Number.isFinite(hinted) && hinted > 0
        ? Math.min(5000, hinted * 1000)
        : Math.min(2000, 200 * 2 ** attempt);
    if (Date.now() + wait >= until) return { ...r, ...trace, gaveUp: true, ms: Date.now() - started };
    await sleep(wait);
  }
}

function consentBody(nationalId, m) {
  return {
    nationalId,
    purposes: ['release-housing'],
    receivingOrganisationNumbers: m.receivers,
    validFrom: daysFromNow(0),
    validTo: daysFromNow(180),
    givenBy: 'person',
    evidenceReference: 'FAULTS',
  };
}

/** Runs `fn` over `items` with at most `width` at a time. */
async function pool(items, width, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/**
 * `n` release notices to submit, registered consents included. Every 25th is refused by design
 * (a field that breaks its rule, or another person's consent): it must leave nothing behind.
 */
async function planSubmissions(base, n) {
  const plan = [];
  for (let i = 0; i < n; i++) {
    const m = MUNICIPALITIES[i % MUNICIPALITIES.length];
    const refusal = i % 25 === 12 ? 'bad-field' : i % 25 === 24 ? 'another-persons-consent' : null;
    plan.push({
      i,
      key: randomUUID(),
      nationalId: freshNationalId(),
      municipality: m,
      refusal,
      consentId: null,
    });
  }
  const good = plan.filter((s) => !s.refusal);
  await pool(good, 8, async (s) => {
    const r = await withRetries(base, {
      method: 'POST',
      path: '/api/v1/consents',
      user: SENDER,
      body: consentBody(s.nationalId, s.municipality),
    });
    if (r.status !== 201)
      throw new Error(`registering a consent answered ${r.status}: ${r.text.slice(0, 300)}`);
    s.consentId = JSON.parse(r.text).id;
  });
  for (const s of plan.filter((x) => x.refusal)) {
    // A consent of someone else in the same municipality: the one reason to refuse is the person.
    s.consentId =
      good.find((g) => g.municipality === s.municipality && g.i !== s.i)?.consentId ?? good[0].consentId;
  }
  return plan;
}

function noticeBody(s) {
  return {
    nationalId: s.nationalId,
    name: 'Feil Eksempel',
    expectedReleaseDate: daysFromNow(60),
    municipalityNumber: s.municipality.number,
    housingSituation: 'no-home',
    followUpNeeds: s.refusal === 'bad-field' ? ['not-a-need'] : ['finances'],
    consentId: s.consentId,
  };
}

/** Submits the plan at `rate` per second on schedule (never waiting for answers, at most `maxInFlight` open). */
async function submitAll(base, plan, { rate, maxInFlight = 48 }) {
  const started = Date.now();
  const results = new Array(plan.length);
  const inFlight = new Set();
  for (const s of plan) {
    const due = started + (s.i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const p = withRetries(base, {
      method: 'POST',
      path: '/api/v1/referrals/release-notices',
      user: SENDER,
      body: noticeBody(s),
      headers: { 'idempotency-key': s.key },
    }).then((r) => {
      let id = null;
      let code = null;
      try {
        const body = JSON.parse(r.text);
        id = r.status === 201 ? body.id : null;
        code = body.code ?? null;
      } catch {
        /* not JSON */
      }
      results[s.i] = {
        ...s,
        status: r.status,
        id,
        code,
        attempts: r.attempts,
        networkErrors: r.networkErrors,
        unavailable: r.unavailable,
        gaveUp: Boolean(r.gaveUp),
        errors: r.errors,
        ms: r.ms,
        text: r.status >= 500 || (r.status >= 400 && !s.refusal) ? r.text.slice(0, 300) : undefined,
      };
      inFlight.delete(p);
    });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return results;
}

module.exports = {
  MUNICIPALITIES,
  SENDER,
  call,
  withRetries,
  planSubmissions,
  submitAll,
  pool,
  token,
  daysFromNow,
};
