import request from 'supertest';
import { addCalendarDays, endOfOsloDay, osloDate } from '@overgang/core';
import { addWorkingDays } from '@overgang/norway';
import {
  aConsent,
  aNationalId,
  aReleaseNotice,
  eventually,
  tokenFor,
  TopicRecorder,
} from '@overgang/testing';
import { RungScheduler } from '../../apps/deadline-service/src/deadline/application/fire-rungs/rung-scheduler';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
type ClockItem = { id: string; kind: string; status: string; dueAt: string; recipientUnitId: string };

describe('deadline engine, end to end', () => {
  let hub: Hub;
  let recorder: TopicRecorder;
  let referralId: string;
  let housingOutcomeClock: ClockItem;

  beforeAll(async () => {
    hub = await startHub();
    recorder = new TopicRecorder((process.env.KAFKA_BROKERS as string).split(','), [
      'deadline.warning-issued.v1',
      'deadline.breached.v1',
      'deadline.escalated.v1',
      'deadline.rescheduled.v1',
      'referral.progressed.v1',
    ]);
    await recorder.start();
    const nationalId = aNationalId();
    const consent = await request(hub.gateway)
      .post('/api/v1/consents')
      .set(auth('consultant-drammen-fengsel'))
      .send(aConsent({ nationalId }))
      .expect(201);
    const release = addCalendarDays(osloDate(new Date()), 40);
    const submitted = await request(hub.gateway)
      .post('/api/v1/referrals/release-notices')
      .set(auth('consultant-drammen-fengsel'))
      .send(aReleaseNotice({ nationalId, consentId: consent.body.id, expectedReleaseDate: release }))
      .expect(201);
    referralId = submitted.body.id;
    const clocks = await eventually(
      async () =>
        (
          await request(hub.gateway)
            .get(`/api/v1/deadlines?referralId=${referralId}`)
            .set(auth('coord-drammen'))
            .expect(200)
        ).body.items as ClockItem[],
      { until: (c) => c.length === 2, what: 'the housing service’s two clocks' },
    );
    housingOutcomeClock = clocks.find((c) => c.kind === 'housing-outcome')!;
  });

  afterAll(async () => {
    await recorder?.stop();
    await hub?.stop();
  });

  it('serves the versioned policy catalogue', async () => {
    const res = await request(hub.gateway)
      .get('/api/v1/deadlines/policies')
      .set(auth('cp-drammen-bolig-1'))
      .expect(200);
    expect(res.body.version).toBe(2);
    expect(res.body.policies.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([
        'release-notice.acknowledge',
        'release-notice.housing-outcome',
        'assessment-request.answer',
        'benefit-deduction.confirm-deduction',
        'discharge-notice.housing-plan',
        'discharge-notice.follow-up',
        'benefit-deduction.confirm-change',
      ]),
    );
  });

  it('lists a caseworker the clocks they hold, with the same filters, and no one else’s', async () => {
    const list = async (user: string, query: string) =>
      (await request(hub.gateway).get(`/api/v1/deadlines?${query}`).set(auth(user)).expect(200)).body
        .items as Array<ClockItem & { holderContactPersonId: string; referralId: string }>;
    const mine = await list('cp-drammen-bolig-1', `referralId=${referralId}`);
    expect(mine.map((c) => c.kind).sort()).toEqual(['acknowledge', 'housing-outcome']);
    const everyone = await list('cp-drammen-bolig-1', 'status=open');
    expect(everyone.length).toBeGreaterThan(0);
    expect(everyone.every((c) => c.holderContactPersonId === 'cp-drammen-bolig-1')).toBe(true);
    expect(everyone.every((c) => c.status === 'open')).toBe(true);
    // The backup in the same unit holds none of them; NAV's caseworker sees NAV's clock only.
    expect(await list('cp-drammen-bolig-2', `referralId=${referralId}`)).toEqual([]);
    const nav = await list('cp-nav-drammen-1', `referralId=${referralId}`);
    expect(nav.map((c) => c.recipientUnitId)).toEqual(['nav-drammen-sosial']);
    const overdue = await list('cp-drammen-bolig-1', 'status=overdue');
    expect(overdue.every((c) => c.holderContactPersonId === 'cp-drammen-bolig-1')).toBe(true);
    expect(overdue.every((c) => Date.parse(c.dueAt) < Date.now())).toBe(true);
    await request(hub.gateway).get('/api/v1/deadlines').set(auth('security-drammen')).expect(403);
    await request(hub.gateway).get('/api/v1/deadlines').set(auth('consultant-drammen-fengsel')).expect(403);
  });

  it('explains a due date to both sides of the referral, and to nobody else', async () => {
    const mine = await request(hub.gateway)
      .get(`/api/v1/deadlines/${housingOutcomeClock.id}`)
      .set(auth('coord-drammen'))
      .expect(200);
    expect(mine.body).toMatchObject({
      policy: 'release-notice.housing-outcome',
      catalogueVersion: 2,
      round: 1,
      openedReason: null,
      explanation: {
        policyId: 'release-notice.housing-outcome',
        counting: { method: 'working-days-before-anchor', days: 10 },
      },
    });
    // Due 10 working days before the release date, at the end of that day in Oslo.
    expect(osloDate(new Date(mine.body.dueAt)) < mine.body.anchorDate).toBe(true);
    expect(mine.body.ladder.map((r: { rungId: string }) => r.rungId)).toEqual([
      'warn-holder',
      'warn-both-contacts',
      'breach-unit-coordinator',
      'escalate-org-coordinator',
    ]);
    await request(hub.gateway)
      .get(`/api/v1/deadlines/${housingOutcomeClock.id}`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    await request(hub.gateway)
      .get(`/api/v1/deadlines/${housingOutcomeClock.id}`)
      .set(auth('cp-nav-baerum-1'))
      .expect(404);
  });

  it('moves the clocks anchored to the release date when the release is brought forward, and says why', async () => {
    const earlier = addCalendarDays(osloDate(new Date()), 25);
    await request(hub.gateway)
      .post(`/api/v1/referrals/${referralId}/release-date`)
      .set(auth('consultant-drammen-fengsel'))
      .send({ expectedReleaseDate: earlier, reasonCode: 'brought-forward' })
      .expect(200);
    const moved = await eventually(
      async () =>
        (
          await request(hub.gateway)
            .get(`/api/v1/deadlines/${housingOutcomeClock.id}`)
            .set(auth('coord-drammen'))
            .expect(200)
        ).body,
      { until: (c) => c.anchorDate === earlier, what: 'the clock recomputed' },
    );
    expect(new Date(moved.dueAt).getTime()).toBeLessThan(new Date(housingOutcomeClock.dueAt).getTime());
    expect(moved.changes).toEqual([
      expect.objectContaining({
        reason: 'brought-forward',
        anchorTo: earlier,
        fromDue: housingOutcomeClock.dueAt,
        toDue: moved.dueAt,
      }),
    ]);
    // The referral shows the new due time to its holder.
    await eventually(
      async () =>
        (
          await request(hub.gateway)
            .get(`/api/v1/referrals/${referralId}`)
            .set(auth('cp-drammen-bolig-1'))
            .expect(200)
        ).body,
      {
        until: (d) =>
          d.recipients
            .find((r: { unitId: string }) => r.unitId === 'drammen-boligtjenesten')
            .deadlines.some(
              (c: { kind: string; dueAt: string }) => c.kind === 'housing-outcome' && c.dueAt === moved.dueAt,
            ),
      },
    );
  });

  it('climbs the warning ladder once per rung, and shows it on the referral and to the coordinator', async () => {
    const scheduler = hub.apps.deadline.get(RungScheduler);
    const clock = (
      await request(hub.gateway)
        .get(`/api/v1/deadlines/${housingOutcomeClock.id}`)
        .set(auth('coord-drammen'))
        .expect(200)
    ).body as { ladder: Array<{ rungId: string; fireAt: string }> };
    // Time passes with nobody acting: the scheduler runs as of each rung's moment, and once more after.
    for (const rung of clock.ladder) await scheduler.drain(new Date(rung.fireAt));
    await scheduler.drain(new Date(clock.ladder[clock.ladder.length - 1].fireAt));
    const mine = (m: { value: string | null }) =>
      JSON.parse(m.value as string).payload.clockId === housingOutcomeClock.id;
    const fired = await eventually(() => recorder.messages.filter((m) => m.key === referralId), {
      until: (m) => m.some((x) => x.topic === 'deadline.escalated.v1' && mine(x)),
      what: 'the housing outcome escalated',
    });
    const perRung = new Map<string, number>();
    for (const m of fired.filter((x) => x.topic !== 'deadline.rescheduled.v1')) {
      const p = JSON.parse(m.value as string).payload as { clockId: string; rungId?: string };
      const k = `${p.clockId}/${p.rungId ?? 'breach'}`;
      perRung.set(k, (perRung.get(k) ?? 0) + 1);
    }
    expect([...perRung.values()].every((n) => n === 1)).toBe(true);
    const housing = fired
      .filter((m) => m.topic === 'deadline.warning-issued.v1')
      .map(
        (m) =>
          JSON.parse(m.value as string).payload as {
            clockId: string;
            audience: string;
            holderContactPersonId: string;
          },
      );
    expect(housing.filter((w) => w.clockId === housingOutcomeClock.id).map((w) => w.audience)).toEqual([
      'holder',
      'both-contacts',
    ]);
    expect(housing[0].holderContactPersonId).toBe('cp-drammen-bolig-1');

    const history = await eventually(
      async () =>
        (
          await request(hub.gateway)
            .get(`/api/v1/referrals/${referralId}/history`)
            .set(auth('cp-drammen-bolig-1'))
            .expect(200)
        ).body.items as Array<{ action: string }>,
      { until: (h) => h.some((x) => x.action === 'deadline-escalated') },
    );
    expect(history.map((h) => h.action)).toEqual(
      expect.arrayContaining(['deadline-warning', 'deadline-breached', 'deadline-escalated']),
    );

    const overview = await request(hub.gateway)
      .get('/api/v1/sla/overview')
      .set(auth('coord-drammen'))
      .expect(200);
    expect(overview.body.organisationNumber).toBe('100000016');
    expect(overview.body.breaches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          clockId: housingOutcomeClock.id,
          holderContactPersonId: 'cp-drammen-bolig-1',
          unitId: 'drammen-boligtjenesten',
        }),
      ]),
    );
    expect(
      overview.body.units.find((u: { unitId: string }) => u.unitId === 'drammen-boligtjenesten').breached,
    ).toBeGreaterThanOrEqual(2);
    const csv = await request(hub.gateway)
      .get('/api/v1/sla/overview.csv')
      .set(auth('coord-drammen'))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toBe(
      'clock_id,referral_id,referral_type,kind,unit_id,holder_contact_person_id,due_at,overdue_hours,cause,notice_given_days',
    );
    expect(csv.text).toContain(housingOutcomeClock.id);
    await request(hub.gateway).get('/api/v1/sla/overview').set(auth('cp-drammen-bolig-1')).expect(403);
  });

  it('pauses only NAV’s clocks when the consent is withdrawn for NAV alone: the housing service’s run on', async () => {
    const nationalId = aNationalId();
    const consent = await request(hub.gateway)
      .post('/api/v1/consents')
      .set(auth('consultant-drammen-fengsel'))
      .send(aConsent({ nationalId }))
      .expect(201);
    const submitted = await request(hub.gateway)
      .post('/api/v1/referrals/release-notices')
      .set(auth('consultant-drammen-fengsel'))
      .send(aReleaseNotice({ nationalId, consentId: consent.body.id }))
      .expect(201);
    const id = submitted.body.id as string;
    const clocksOf = async (coordinator: string) =>
      (
        await request(hub.gateway)
          .get(`/api/v1/deadlines?referralId=${id}`)
          .set(auth(coordinator))
          .expect(200)
      ).body.items as Array<ClockItem & { stopReason: string | null }>;
    await eventually(() => clocksOf('coord-nav-drammen'), {
      until: (c) => c.length === 1 && c[0].status === 'open',
      what: 'NAV’s acknowledgement clock',
    });
    await eventually(() => clocksOf('coord-drammen'), {
      until: (c) => c.length === 2,
      what: 'the housing service’s two clocks',
    });

    await request(hub.gateway)
      .post(`/api/v1/consents/${consent.body.id}/withdrawals`)
      .set(auth('consultant-drammen-fengsel'))
      .send({ organisationNumbers: ['100000024'] })
      .expect(200);
    const nav = await eventually(() => clocksOf('coord-nav-drammen'), {
      until: (c) => c.every((x) => x.status === 'paused'),
      what: 'NAV’s clock paused',
    });
    expect(nav).toEqual([expect.objectContaining({ status: 'paused', stopReason: 'CONSENT_WITHDRAWN' })]);
    const housing = await clocksOf('coord-drammen');
    expect(housing.map((c) => c.status)).toEqual(['open', 'open']);
    // One withhold step per withheld unit, and none for the housing service.
    const withheld = recorder.messages
      .filter((m) => m.topic === 'referral.progressed.v1' && m.key === id)
      .map((m) => JSON.parse(m.value as string).payload)
      .filter((p: { action: string }) => p.action === 'withhold');
    expect(withheld).toEqual([
      expect.objectContaining({ recipientUnitId: 'nav-drammen-sosial', code: 'CONSENT_WITHDRAWN' }),
    ]);
  });

  it('gives a release notice sent two days before release a short-notice clock with the minimum response, lists it at risk, and counts its breach as late notice', async () => {
    const nationalId = aNationalId();
    const consent = await request(hub.gateway)
      .post('/api/v1/consents')
      .set(auth('consultant-drammen-fengsel'))
      .send(aConsent({ nationalId }))
      .expect(201);
    const submitted = await request(hub.gateway)
      .post('/api/v1/referrals/release-notices')
      .set(auth('consultant-drammen-fengsel'))
      .send(
        aReleaseNotice({
          nationalId,
          consentId: consent.body.id,
          expectedReleaseDate: addCalendarDays(osloDate(new Date()), 2),
        }),
      )
      .expect(201);
    const shortId = submitted.body.id as string;
    const clocks = await eventually(
      async () =>
        (
          await request(hub.gateway)
            .get(`/api/v1/deadlines?referralId=${shortId}`)
            .set(auth('coord-drammen'))
            .expect(200)
        ).body.items as Array<
          ClockItem & { shortNotice: boolean; noticeGivenDays: number; leadTimeDays: number }
        >,
      { until: (c) => c.length === 2, what: 'the housing service’s two clocks' },
    );
    const housing = clocks.find((c) => c.kind === 'housing-outcome')!;
    expect(housing).toMatchObject({ shortNotice: true, leadTimeDays: 15 });
    expect(housing.noticeGivenDays).toBeLessThanOrEqual(2);
    // Never due before the housing service has had the policy's three working days.
    const floor = endOfOsloDay(addWorkingDays(osloDate(new Date()), 3));
    expect(new Date(housing.dueAt).getTime()).toBeGreaterThanOrEqual(floor.getTime());
    const explained = await request(hub.gateway)
      .get(`/api/v1/deadlines/${housing.id}`)
      .set(auth('coord-drammen'))
      .expect(200);
    expect(explained.body.explanation.minimumResponse).toMatchObject({ days: 3 });

    const scheduler = hub.apps.deadline.get(RungScheduler);
    const ladder = explained.body.ladder as Array<{ rungId: string; fireAt: string }>;
    const at = (rungId: string) =>
      new Date(Math.max(Date.parse(ladder.find((r) => r.rungId === rungId)!.fireAt), Date.now()));
    await scheduler.drain(at('warn-holder'));
    const atRisk = await eventually(
      async () =>
        (
          await request(hub.gateway)
            .get(`/api/v1/deadlines?status=at-risk&referralId=${shortId}`)
            .set(auth('coord-drammen'))
            .expect(200)
        ).body.items as ClockItem[],
      { until: (c) => c.some((x) => x.id === housing.id), what: 'the clock at risk' },
    );
    expect(atRisk.every((c) => c.status === 'open')).toBe(true);

    await scheduler.drain(at('breach-unit-coordinator'));
    const overview = await eventually(
      async () =>
        (await request(hub.gateway).get('/api/v1/sla/overview').set(auth('coord-drammen')).expect(200)).body,
      { until: (o) => o.breaches.some((b: { clockId: string }) => b.clockId === housing.id) },
    );
    expect(overview.breaches.find((b: { clockId: string }) => b.clockId === housing.id)).toMatchObject({
      cause: 'late-notice',
    });
    const unit = overview.units.find((u: { unitId: string }) => u.unitId === 'drammen-boligtjenesten');
    expect(unit.lateNotice).toBeGreaterThanOrEqual(1);
    expect(unit.breached).toBe(
      overview.breaches.filter(
        (b: { unitId: string; cause: string }) =>
          b.unitId === 'drammen-boligtjenesten' && b.cause === 'recipient',
      ).length,
    );
    const csv = await request(hub.gateway)
      .get('/api/v1/sla/overview.csv')
      .set(auth('coord-drammen'))
      .expect(200);
    expect(csv.text.split('\n').find((l) => l.startsWith(housing.id))).toMatch(/,late-notice,\d+$/);
  });
});
