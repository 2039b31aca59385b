'use strict';
// Turns a scenario's client results and the database's state into one row of the report.
const { setTimeout: sleep } = require('timers/promises');
const { allHealthy } = require('./checks');

const RECOVERY_BOUND_MS = 120_000;

/**
 * Waits until every service answers /health 200, no outbox holds an unpublished row, no consumer
 * group lags and every referral in `ids` is complete in all three services; seconds from `faultEnd`.
 */
async function awaitRecovery(ctx, ids, faultEnd, boundMs = RECOVERY_BOUND_MS) {
  const until = Math.max(Date.now(), faultEnd) + boundMs;
  let last = {};
  let healthyAt = null;
  while (Date.now() < until) {
    const health = await allHealthy(ctx.hub.urls);
    last = { health: health.states };
    if (health.ok) {
      healthyAt ??= Date.now();
      try {
        last.unpublished = await ctx.observer.unpublished();
        last.lag = await ctx.observer.lag();
        const ex = await ctx.observer.examine(ids);
        last.incomplete = ex.incomplete.length;
        last.example = ex.incomplete[0];
        const drained =
          Object.values(last.unpublished).every((n) => n === 0) &&
          Object.values(last.lag).every((n) => n === 0);
        if (drained && ex.incomplete.length === 0) {
          return {
            recovered: true,
            seconds: Math.max(0, (Date.now() - faultEnd) / 1000),
            healthySeconds: Math.max(0, (healthyAt - faultEnd) / 1000),
          };
        }
      } catch (err) {
        last.error = err.message;
      }
    } else healthyAt = null;
    await sleep(500);
  }
  return { recovered: false, seconds: null, last };
}

const count = (xs, f) => xs.filter(f).length;

/** The row of the table for a scenario that submitted release notices; `extra` adds checks. */
async function assess(ctx, { name, fault, results, recovery, notes = [], failures = [], dlqBefore }) {
  const o = ctx.observer;
  const accepted = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status >= 400 && r.status < 500);
  const other5xx = results.filter((r) => r.status >= 500 && r.status !== 503);
  const unanswered = results.filter((r) => r.status === 0 || r.status === 503);
  const acceptedBad = accepted.filter((r) => r.refusal);
  const validRefused = refused.filter((r) => !r.refusal);

  const stored = await o.storedFor(results.map((r) => r.nationalId));
  const storedBy = new Map();
  for (const s of stored) storedBy.set(s.nationalId, [...(storedBy.get(s.nationalId) ?? []), s.id]);
  const refusedStored = refused.filter((r) => storedBy.has(r.nationalId));
  // Accepted, or stored without the client being told (a 5xx, or no answer): all must be complete.
  const ids = [...new Set([...accepted.map((r) => r.id), ...stored.map((s) => s.id)])];
  const ex = await o.examine(ids);
  const acceptedIds = new Set(accepted.map((r) => r.id));
  const lost = ex.incomplete.filter((x) => !ex.mismatched.some((m) => m.id === x.id));
  const acceptedMissing = accepted.filter((r) => !storedBy.get(r.nationalId)?.includes(r.id));
  const doubledPeople = await o.doubledPeople(results.map((r) => r.nationalId));
  const doubled = new Set([
    ...doubledPeople.map((p) => `person ${p.nationalId}`),
    ...ex.doubled.map((d) => `referral ${d.id}`),
  ]);

  const global = await o.examine(await o.allReferralIds());
  const dlqAfter = await o.deadLetters().catch(() => ({ total: null, perTopic: {} }));
  const dlqDelta =
    dlqBefore?.total != null && dlqAfter.total != null ? dlqAfter.total - dlqBefore.total : null;

  const lostCount = lost.length + acceptedMissing.length;
  if (lostCount > 0) {
    failures.push(
      `lost ${lostCount}: ${[...acceptedMissing.map((r) => `201 ${r.id} has no referral row`), ...lost.map((l) => `${l.id}${acceptedIds.has(l.id) ? '' : ' (stored, never 201)'}: ${l.why.join('; ')}`)].slice(0, 3).join(' | ')}`,
    );
  }
  if (doubled.size > 0) {
    failures.push(
      `doubled ${doubled.size}: ${[...doubledPeople.map((p) => `${p.nationalId} has ${p.n} referrals`), ...ex.doubled.map((d) => `${d.id}: ${d.why.join('; ')}`)].slice(0, 3).join(' | ')}`,
    );
  }
  if (refusedStored.length > 0) {
    const trace = (r) =>
      `${r.status} ${r.code ?? ''} after ${r.attempts} attempt(s) (${r.unavailable} × 503, ${r.networkErrors} network errors) in ${Math.round(r.ms)} ms, yet referral ${storedBy.get(r.nationalId).join(', ')} is stored`;
    failures.push(
      `${refusedStored.length} refused request(s) left a referral: ${refusedStored.slice(0, 3).map(trace).join(' | ')}`,
    );
  }
  if (acceptedBad.length > 0)
    failures.push(
      `${acceptedBad.length} request(s) that must be refused got 201 (${acceptedBad[0].refusal})`,
    );
  if (ex.mismatched.length > 0)
    failures.push(
      `state differs across services for ${ex.mismatched.length}: ${ex.mismatched[0].why.join('; ')}`,
    );
  const globalBad = global.incomplete.length + global.doubled.length;
  if (globalBad > 0) {
    const first = global.doubled[0] ?? global.incomplete[0];
    failures.push(
      `whole hub: ${global.incomplete.length} referral(s) incomplete or inconsistent, ${global.doubled.length} doubled (e.g. ${first.id}: ${first.why.join('; ')})`,
    );
  }
  if (!recovery.recovered)
    failures.push(
      `did not recover within ${RECOVERY_BOUND_MS / 1000} s of the fault end (or of the last answer, if later): ${JSON.stringify(recovery.last).slice(0, 400)}`,
    );
  if (dlqDelta > 0)
    failures.push(`${dlqDelta} message(s) dead-lettered: ${JSON.stringify(dlqAfter.perTopic)}`);
  if (ctx.strict5xx && other5xx.length > 0) failures.push(`${other5xx.length} answer(s) 5xx other than 503`);

  if (other5xx.length > 0) {
    const byStatus = {};
    for (const r of other5xx)
      byStatus[`${r.status} ${r.code ?? ''}`.trim()] =
        (byStatus[`${r.status} ${r.code ?? ''}`.trim()] ?? 0) + 1;
    notes.push(
      `5xx other than 503 (not retried, as a client must not retry them blindly): ${JSON.stringify(byStatus)}`,
    );
  }
  if (unanswered.length > 0)
    notes.push(`${unanswered.length} submission(s) still had no answer after ${60} s of retries`);
  if (validRefused.length > 0) {
    notes.push(
      `${validRefused.length} valid submission(s) refused: ${validRefused
        .slice(0, 3)
        .map((r) => `${r.status} ${r.code ?? ''} ${r.text ?? ''}`.slice(0, 200))
        .join(' | ')}`,
    );
  }
  const retried = results.filter((r) => r.attempts > 1);
  if (retried.length > 0) {
    notes.push(
      `${retried.length} submission(s) retried with their Idempotency-Key (${results.reduce((s, r) => s + r.unavailable, 0)} × 503, ${results.reduce((s, r) => s + r.networkErrors, 0)} network errors)`,
    );
  }
  const storedUnanswered = [...other5xx, ...unanswered].filter((r) => storedBy.has(r.nationalId));
  if (storedUnanswered.length > 0)
    notes.push(
      `${storedUnanswered.length} submission(s) answered 5xx or not at all were nevertheless stored (checked complete like the 201s)`,
    );

  return {
    name,
    fault,
    submitted: results.length,
    accepted: accepted.length,
    refused: refused.length,
    other5xx: other5xx.length,
    unanswered: unanswered.length,
    lost: lostCount,
    doubled: doubled.size,
    refusedStored: refusedStored.length,
    recoverySeconds: recovery.recovered ? Math.round(recovery.seconds * 10) / 10 : null,
    healthySeconds: recovery.healthySeconds != null ? Math.round(recovery.healthySeconds * 10) / 10 : null,
    dlq: dlqDelta,
    passed: failures.length === 0,
    failures,
    notes,
    latencyMs: percentiles(accepted.map((r) => r.ms)),
  };
}

function percentiles(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]);
  return { p50: at(50), p99: at(99), max: Math.round(s[s.length - 1]) };
}

module.exports = { assess, awaitRecovery, percentiles, count };
