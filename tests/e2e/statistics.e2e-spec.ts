import { randomUUID } from 'crypto';
import request from 'supertest';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { Client } from 'pg';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aConsent,
  aNationalId,
  aReleaseNotice,
  DRAMMEN,
  eventually,
  tokenFor,
  TopicRecorder,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * Six release notices to Drammen, released in one month about three years ahead (a month no
 * other suite uses), counted by the deadline service's statistics without opening a referral.
 */
describe('statistics without personal data, end to end', () => {
  let hub: Hub;
  let recorder: TopicRecorder;
  let producer: Producer;
  let db: Client;
  const api = () => request(hub.gateway);
  const month = addCalendarDays(osloDate(new Date()), 1100).slice(0, 7);
  const releaseDates = [1, 3, 4, 8, 12, 20].map((d) => `${month}-${String(d).padStart(2, '0')}`);
  const ids: string[] = [];
  const query = `from=${month}&to=${month}&municipalityNumber=${DRAMMEN.municipalityNumber}`;

  async function figures(user = 'coord-drammen') {
    const res = await api().get(`/api/v1/statistics/releases?${query}`).set(auth(user)).expect(200);
    return res.body;
  }

  beforeAll(async () => {
    hub = await startHub();
    const brokers = (process.env.KAFKA_BROKERS as string).split(',');
    recorder = new TopicRecorder(brokers, ['referral.submitted.v1']);
    await recorder.start();
    producer = new Kafka({ clientId: 'e2e-statistics', brokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();

    for (const expectedReleaseDate of releaseDates) {
      const nationalId = aNationalId();
      const consent = await api()
        .post('/api/v1/consents')
        .set(auth('consultant-drammen-fengsel'))
        .send(aConsent({ nationalId }))
        .expect(201);
      const submitted = await api()
        .post('/api/v1/referrals/release-notices')
        .set(auth('consultant-drammen-fengsel'))
        .send(aReleaseNotice({ nationalId, consentId: consent.body.id, expectedReleaseDate }))
        .expect(201);
      ids.push(submitted.body.id);
    }
    // Housing secured for five, none for one, nothing reported yet for none: all six are reported.
    for (const [i, id] of ids.entries()) {
      await eventually(
        async () =>
          (await api().get(`/api/v1/referrals/${id}`).set(auth('cp-drammen-bolig-1'))).body.nextSteps ?? [],
        { until: (s: string[]) => s.includes('report-housing-outcome'), what: 'the referral delivered' },
      );
      await api()
        .post(`/api/v1/referrals/${id}/housing-outcome`)
        .set(auth('cp-drammen-bolig-1'))
        .send(
          i === 5
            ? { outcome: 'no-housing', reason: 'Ingen ledige boliger i perioden.' }
            : { outcome: i % 2 ? 'housing-granted' : 'contract-signed' },
        )
        .expect(200);
    }
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await db?.end();
    await hub?.stop();
  });

  it('counts the notices, their lead time and outcomes per municipality and month, hiding a count under five', async () => {
    const today = osloDate(new Date());
    const leads = releaseDates.map((d) => days(today, d)).sort((a, b) => a - b);
    const body = await eventually(() => figures(), {
      // Unknown 0: every outcome is reported (an unknown one would be hidden, and housed with it).
      until: (b) => b.cells?.[0]?.noticesReceived === 6 && b.cells[0].housingOutcome.unknown === 0,
      what: 'six notices counted with their outcomes',
    });
    expect(body).toMatchObject({
      referralType: 'release-notice',
      from: month,
      to: month,
      policyLeadTimeDays: 15,
    });
    expect(body.cells).toHaveLength(1);
    const [cell] = body.cells;
    expect(cell).toMatchObject({
      municipalityNumber: DRAMMEN.municipalityNumber,
      month,
      noticesReceived: 6,
      // Notices given three years ahead: none under the policy's 15 days.
      leadTimeDays: { median: (leads[2] + leads[3]) / 2, shareUnderPolicy: 0 },
      // One without housing: under five, so not shown; nor housed (5), which 6 − 5 would give away.
      housingOutcome: { housed: null, temporary: 0, 'no-housing': null, unknown: 0 },
      breaches: { lateNotice: 0, lateAnswer: 0 },
    });
    // Reporting the outcome met each housing-outcome clock, all in time; NAV has acknowledged none.
    expect(cell.answeredInTime).toEqual(
      expect.arrayContaining([{ kind: 'housing-outcome', answered: 6, inTime: 6, share: 1 }]),
    );
    // Nothing of a person, a referral or a contact person is in the figures.
    const text = JSON.stringify(body);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toMatch(/cp-drammen|\d{11}/);

    const csv = await api()
      .get(`/api/v1/statistics/releases.csv?${query}`)
      .set(auth('hub-admin'))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [head, ...rows] = csv.text.trim().split('\n');
    const col = (row: string, name: string) => row.split(',')[head.split(',').indexOf(name)];
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.map((r) => col(r, 'notices_received'))).toEqual(rows.map(() => '6'));
    expect(col(rows[0], 'outcome_no_housing')).toBe(':');
    expect(col(rows[0], 'outcome_housed')).toBe(':');
    expect(col(rows[0], 'outcome_temporary')).toBe('0');
  });

  it('counts a repeated or replayed submitted event once', async () => {
    const envelope = recorder.envelopes('referral.submitted.v1', ids[0])[0] as {
      id: string;
      type: string;
      key: string;
    };
    expect(envelope).toBeDefined();
    const replayId = randomUUID();
    for (const id of [envelope.id, replayId]) {
      await producer.send({
        topic: envelope.type,
        messages: [{ key: envelope.key, value: JSON.stringify({ ...envelope, id }) }],
      });
    }
    await eventually(
      async () =>
        (await db.query('SELECT 1 FROM deadline.processed_message WHERE message_id = $1', [replayId]))
          .rowCount,
      { until: (n) => n === 1, what: 'the replay handled by the deadline service' },
    );
    expect((await figures()).cells[0].noticesReceived).toBe(6);
  });

  it('counts the housing situation at notice in the referral service, and moves it with the release date', async () => {
    const cell = async (at: string) =>
      Object.fromEntries(
        (
          await db.query<{ situation: string; count: number }>(
            `SELECT situation, count FROM referral.housing_situation_count
             WHERE referral_type = 'release-notice' AND municipality_number = $1 AND month = $2`,
            [DRAMMEN.municipalityNumber, at],
          )
        ).rows.map((r) => [r.situation, r.count]),
      );
    // The six above, all with the factory's situation: counted in the submit transaction itself.
    expect(await cell(month)).toEqual({ 'no-home': 6 });

    const first = addCalendarDays(osloDate(new Date()), 1140);
    const later = addCalendarDays(first, 40);
    const nationalId = aNationalId();
    const consent = await api()
      .post('/api/v1/consents')
      .set(auth('consultant-drammen-fengsel'))
      .send(aConsent({ nationalId }))
      .expect(201);
    const { body } = await api()
      .post('/api/v1/referrals/release-notices')
      .set(auth('consultant-drammen-fengsel'))
      .send(
        aReleaseNotice({
          nationalId,
          consentId: consent.body.id,
          expectedReleaseDate: first,
          housingSituation: 'has-home',
        }),
      )
      .expect(201);
    expect(await cell(first.slice(0, 7))).toEqual({ 'has-home': 1 });

    await api()
      .post(`/api/v1/referrals/${body.id}/release-date`)
      .set(auth('consultant-drammen-fengsel'))
      .send({ expectedReleaseDate: later, reasonCode: 'postponed' })
      .expect(200);
    expect(await cell(first.slice(0, 7))).toEqual({ 'has-home': 0 });
    expect(await cell(later.slice(0, 7))).toEqual({ 'has-home': 1 });

    // What coordinators get: the referral service answers, through the gateway, with the small-number rule.
    const figures = async (from: string, to: string) =>
      (
        await api()
          .get(
            `/api/v1/statistics/releases/housing-situations?from=${from}&to=${to}&municipalityNumber=${DRAMMEN.municipalityNumber}`,
          )
          .set(auth('coord-drammen'))
          .expect(200)
      ).body as {
        situations: string[];
        cells: Array<{ month: string; housingSituationAtNotice: Record<string, number | null> }>;
      };
    const six = await figures(month, month);
    expect(six.situations).toEqual(['has-home', 'no-home', 'cannot-return']);
    expect(six.cells).toEqual([
      {
        municipalityNumber: DRAMMEN.municipalityNumber,
        month,
        housingSituationAtNotice: { 'has-home': 0, 'no-home': 6, 'cannot-return': 0 },
      },
    ]);
    // The one notice moved to the later month is hidden (1–4), and the month it left shows nothing.
    const moved = await figures(first.slice(0, 7), later.slice(0, 7));
    expect(moved.cells).toEqual([
      {
        municipalityNumber: DRAMMEN.municipalityNumber,
        month: later.slice(0, 7),
        housingSituationAtNotice: { 'has-home': null, 'no-home': 0, 'cannot-return': 0 },
      },
    ]);
    const csv = await api()
      .get(`/api/v1/statistics/releases/housing-situations.csv?from=${month}&to=${month}`)
      .set(auth('hub-admin'))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.trim().split('\r\n')).toEqual([
      'municipality_number,month,situation_has_home,situation_no_home,situation_cannot_return',
      `${DRAMMEN.municipalityNumber},${month},0,6,0`,
    ]);
    // Only coordinators and the hub's administrators read statistics.
    await api()
      .get(`/api/v1/statistics/releases/housing-situations?from=${month}&to=${month}`)
      .set(auth('cp-drammen-bolig-1'))
      .expect(403);
  });

  it('refuses a period that is not whole months, or longer than 24 months, in bokmål', async () => {
    const res = await api()
      .get('/api/v1/statistics/discharges?from=2026-01&to=2028-06')
      .set({ ...auth('coord-drammen'), 'Accept-Language': 'nb' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'STATISTICS.PERIOD_INVALID' });
    expect(res.body.detail).toContain('måneder');
    await api().get('/api/v1/statistics/releases').set(auth('coord-drammen')).expect(400);
    await api().get(`/api/v1/statistics/releases?${query}`).set(auth('cp-drammen-bolig-1')).expect(403);
  });
});
