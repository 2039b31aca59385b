import { randomUUID } from 'crypto';
import request from 'supertest';
import { Client } from 'pg';
import { ALL_TOPICS } from '@overgang/contracts';
import { addCalendarDays, osloDate } from '@overgang/core';
import {
  aPdf,
  aConsent,
  aNationalId,
  aReleaseNotice,
  eventually,
  personKeyOf,
  tokenFor,
  TopicRecorder,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const CONSULTANT = 'consultant-drammen-fengsel';
const PDF = (text: string) => aPdf(text);

describe('Idempotency-Key, end to end on real Kafka and PostgreSQL', () => {
  let hub: Hub;
  let recorder: TopicRecorder;
  let db: Client;

  beforeAll(async () => {
    hub = await startHub();
    recorder = new TopicRecorder((process.env.KAFKA_BROKERS as string).split(','), ALL_TOPICS);
    await recorder.start();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await recorder?.stop();
    await db?.end();
    await hub?.stop();
  });

  async function count(sql: string, params: unknown[]): Promise<number> {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return rows[0].n;
  }

  const referralsOf = (nationalId: string) =>
    count(`referral.referral WHERE person_key = $1`, [personKeyOf(nationalId)]);
  const submittedInOutbox = (consentId: string) =>
    count(
      `referral.outbox WHERE topic = 'referral.submitted.v1' AND envelope->'payload'->>'consentId' = $1`,
      [consentId],
    );

  async function consentFor(nationalId: string, user = CONSULTANT): Promise<string> {
    const res = await request(hub.gateway)
      .post('/api/v1/consents')
      .set(auth(user))
      .send(aConsent({ nationalId }))
      .expect(201);
    return res.body.id;
  }

  function submit(body: Record<string, unknown>, key?: string, user = CONSULTANT) {
    const req = request(hub.gateway).post('/api/v1/referrals/release-notices').set(auth(user));
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body);
  }

  /**
   * The referral ids seen on referral.submitted.v1 for this consent, once every id in `expected` is there.
   * Events are keyed by referral, so they can sit on different partitions and arrive in any order:
   * the answer is sorted, and a second referral made by a repeated request would show as an extra id.
   */
  async function submittedOnTopic(consentId: string, expected: string[]) {
    const events = await eventually(
      () =>
        recorder
          .envelopes('referral.submitted.v1')
          .filter((e) => e.payload.consentId === consentId)
          .map((e) => e.payload.referralId as string),
      {
        until: (ids) => expected.every((id) => ids.includes(id)),
        what: `referral.submitted.v1 for ${expected.join(', ')}`,
      },
    );
    return [...new Set(events)].sort();
  }

  it('answers a repeated release notice with the first answer and makes one referral and one event', async () => {
    const nationalId = aNationalId();
    const consentId = await consentFor(nationalId);
    const notice = aReleaseNotice({ nationalId, consentId });
    const key = randomUUID();

    const first = await submit(notice, key).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await submit(notice, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);

    expect(await referralsOf(nationalId)).toBe(1);
    expect(await submittedInOutbox(consentId)).toBe(1);
    // A later referral under the same consent, without a key, marks how far the topic has come.
    const marker = await submit({ ...notice, name: 'Markør Merkesen' }).expect(201);
    expect(await submittedOnTopic(consentId, [first.body.id, marker.body.id])).toEqual(
      [first.body.id, marker.body.id].sort(),
    );
  });

  it('refuses the same key with another body with 422 and stores nothing', async () => {
    const nationalId = aNationalId();
    const consentId = await consentFor(nationalId);
    const key = randomUUID();
    await submit(aReleaseNotice({ nationalId, consentId }), key).expect(201);

    const otherPerson = aNationalId();
    const otherConsent = await consentFor(otherPerson);
    const reused = await submit(
      aReleaseNotice({ nationalId: otherPerson, consentId: otherConsent }),
      key,
    ).expect(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reused.body).toMatchObject({
      status: 422,
      code: 'IDEMPOTENCY.KEY_REUSED',
      instance: '/api/v1/referrals/release-notices',
    });
    expect(await referralsOf(otherPerson)).toBe(0);
    expect(await submittedInOutbox(otherConsent)).toBe(0);
    expect(await referralsOf(nationalId)).toBe(1);
  });

  it('lets exactly one of two concurrent requests with one key take effect', async () => {
    const nationalId = aNationalId();
    const consentId = await consentFor(nationalId);
    const notice = aReleaseNotice({ nationalId, consentId });
    const key = randomUUID();

    const answers = await Promise.all([submit(notice, key), submit(notice, key)]);
    const statuses = answers.map((a) => a.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const created = answers.filter((a) => a.status === 201);
    expect(created.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    for (const a of created) expect(a.body).toEqual(created[0].body);
    const busy = answers.find((a) => a.status === 409);
    if (busy) expect(busy.body).toMatchObject({ code: 'IDEMPOTENCY.REQUEST_IN_FLIGHT' });
    expect(await referralsOf(nationalId)).toBe(1);
    expect(await submittedInOutbox(consentId)).toBe(1);

    // Once the first has answered, a retry gets its answer.
    const retry = await submit(notice, key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(created[0].body);
  });

  it('keeps keys apart per caller: another user’s same key is a new request', async () => {
    const key = randomUUID();
    const mine = aNationalId();
    await submit(aReleaseNotice({ nationalId: mine, consentId: await consentFor(mine) }), key).expect(201);

    const ringerike = 'consultant-ringerike-fengsel';
    const theirs = aNationalId();
    const theirConsent = await consentFor(theirs, ringerike);
    const res = await submit(
      aReleaseNotice({ nationalId: theirs, consentId: theirConsent }),
      key,
      ringerike,
    ).expect(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await referralsOf(theirs)).toBe(1);
  });

  it('makes two referrals of two requests without a key, as before', async () => {
    const nationalId = aNationalId();
    const consentId = await consentFor(nationalId);
    const notice = aReleaseNotice({ nationalId, consentId });
    const a = await submit(notice).expect(201);
    const b = await submit(notice).expect(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect(await referralsOf(nationalId)).toBe(2);
  });

  it('treats a key older than 24 hours as new', async () => {
    const nationalId = aNationalId();
    const consentId = await consentFor(nationalId);
    const notice = aReleaseNotice({ nationalId, consentId });
    const key = randomUUID();
    const first = await submit(notice, key).expect(201);
    await db.query(
      `UPDATE referral.idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1`,
      [key],
    );

    const later = await submit(notice, key).expect(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.body.id).not.toBe(first.body.id);
    expect(await referralsOf(nationalId)).toBe(2);
    const replay = await submit(notice, key).expect(201);
    expect(replay.body).toEqual(later.body);
  });

  it('refuses an empty, too long or non-printable key with 400', async () => {
    const nationalId = aNationalId();
    const notice = aReleaseNotice({ nationalId, consentId: await consentFor(nationalId) });
    for (const bad of ['', 'k'.repeat(256), 'tab\there', 'nøkkel']) {
      const res = await submit(notice, bad).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'IDEMPOTENCY.KEY_INVALID', header: 'Idempotency-Key' });
    }
    expect(await referralsOf(nationalId)).toBe(0);
    await submit(notice, 'k'.repeat(255)).expect(201);
  });

  it('honours keys on a consent, a step, an attachment and the directory', async () => {
    // Consent registration.
    const nationalId = aNationalId();
    const consent = aConsent({ nationalId });
    const consentKey = randomUUID();
    const register = () =>
      request(hub.gateway)
        .post('/api/v1/consents')
        .set(auth(CONSULTANT))
        .set('Idempotency-Key', consentKey)
        .send(consent)
        .expect(201);
    const c1 = await register();
    const c2 = await register();
    expect(c2.headers['idempotent-replayed']).toBe('true');
    expect(c2.body).toEqual(c1.body);
    expect(await count(`referral.consent WHERE person_key = $1`, [personKeyOf(nationalId)])).toBe(1);

    // A step: NAV acknowledges once, whatever the retries.
    const submitted = await submit(aReleaseNotice({ nationalId, consentId: c1.body.id })).expect(201);
    const id: string = submitted.body.id;
    await eventually(
      async () =>
        (await request(hub.gateway).get('/api/v1/referrals/inbox').set(auth('cp-nav-drammen-1')).expect(200))
          .body.items,
      {
        until: (items: Array<{ id: string }>) => items.some((i) => i.id === id),
        what: 'the referral routed',
      },
    );
    const ackKey = randomUUID();
    const ack = () =>
      request(hub.gateway)
        .post(`/api/v1/referrals/${id}/acknowledge`)
        .set(auth('cp-nav-drammen-1'))
        .set('Idempotency-Key', ackKey);
    const a1 = await ack().expect(200);
    const a2 = await ack().expect(200);
    expect(a2.headers['idempotent-replayed']).toBe('true');
    expect(a2.body).toEqual(a1.body);
    expect(await count(`referral.outbox WHERE topic = 'referral.acknowledged.v1' AND key = $1`, [id])).toBe(
      1,
    );
    // Without the key the same step is refused, as before.
    await request(hub.gateway)
      .post(`/api/v1/referrals/${id}/acknowledge`)
      .set(auth('cp-nav-drammen-1'))
      .expect(409);

    // A multipart upload: the body is compared once it is read.
    const fileKey = randomUUID();
    const upload = (content: Buffer) =>
      request(hub.gateway)
        .post(`/api/v1/referrals/${id}/attachments`)
        .set(auth(CONSULTANT))
        .set('Idempotency-Key', fileKey)
        .attach('file', content, { filename: 'vedtak.pdf', contentType: 'application/pdf' });
    const u1 = await upload(PDF('one')).expect(201);
    const u2 = await upload(PDF('one')).expect(201);
    expect(u2.headers['idempotent-replayed']).toBe('true');
    expect(u2.body).toEqual(u1.body);
    const otherFile = await upload(PDF('two')).expect(422);
    expect(otherFile.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await count(`referral.attachment WHERE referral_id = $1`, [id])).toBe(1);

    // The directory: an absence far ahead, so no other referral moves.
    const from = addCalendarDays(osloDate(new Date()), 400);
    const absenceKey = randomUUID();
    const absence = () =>
      request(hub.gateway)
        .post('/api/v1/directory/contact-persons/cp-stjordal-bolig-2/absences')
        .set(auth('coord-stjordal'))
        .set('Idempotency-Key', absenceKey)
        .send({ from, to: addCalendarDays(from, 2), reason: 'course' })
        .expect(201);
    const d1 = await absence();
    const d2 = await absence();
    expect(d2.headers['idempotent-replayed']).toBe('true');
    expect(d2.body).toEqual(d1.body);
    expect(
      await count(`routing.absence WHERE contact_person_id = 'cp-stjordal-bolig-2' AND from_date = $1`, [
        from,
      ]),
    ).toBe(1);
  });

  it('documents the header on every POST of every service', async () => {
    const doc = (await request(hub.gateway).get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    const posts = Object.entries(doc.paths).flatMap(([path, item]) =>
      item.post ? [{ path, op: item.post }] : [],
    );
    expect(posts.length).toBeGreaterThan(30);
    for (const { path, op } of posts) {
      expect({
        path,
        header: op.parameters?.some((p) => p.name === 'Idempotency-Key' && p.in === 'header'),
      }).toEqual({ path, header: true });
    }
  });
});
