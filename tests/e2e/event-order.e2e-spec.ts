import { randomUUID } from 'crypto';
import request from 'supertest';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { Client } from 'pg';
import { addCalendarDays, osloDate } from '@overgang/core';
import { syntheticNationalId } from '@overgang/norway';
import { aConsent, eventually, tokenFor, tokenForClaims, TopicRecorder, VERDAL } from '@overgang/testing';
import { RungScheduler } from '../../apps/deadline-service/src/deadline/application/fire-rungs/rung-scheduler';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });
const today = () => osloDate(new Date());
/** The unit and its two contact persons exist only in this suite, so its absences move nobody else's referrals. */
const UNIT = 'verdal-rus-order';
const PRIMARY = 'cp-verdal-rus-order-1';
const BACKUP = 'cp-verdal-rus-order-2';
const SENDER = 'cp-verdal-bolig-2';
/** A token for one of this suite's contact persons (they are not demo users). */
const contact = (id: string) => ({
  Authorization: `Bearer ${tokenForClaims({ sub: id, org: VERDAL.housing, unit: UNIT, roles: ['housing-caseworker'] })}`,
});

type Recipient = {
  unitId: string;
  holder: { contactPersonId: string | null; coHolderContactPersonId: string | null };
  deadlines: Array<{ clockId: string; kind: string; status: string }>;
};
type Clock = { id: string; kind: string; status: string; holderContactPersonId: string | null };
type Envelope = {
  id: string;
  type: string;
  key: string;
  sequence?: number;
  payload: Record<string, unknown>;
};

describe('events never move state backwards, end to end', () => {
  let hub: Hub;
  let recorder: TopicRecorder;
  let producer: Producer;
  let db: Client;
  const api = () => request(hub.gateway);

  beforeAll(async () => {
    hub = await startHub();
    const brokers = (process.env.KAFKA_BROKERS as string).split(',');
    recorder = new TopicRecorder(brokers, [
      'routing.referral-routed.v1',
      'routing.referral-reassigned.v1',
      'deadline.breached.v1',
      'deadline.warning-issued.v1',
    ]);
    await recorder.start();
    producer = new Kafka({ clientId: 'e2e-order', brokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();

    await api()
      .post('/api/v1/directory/units')
      .set(auth('coord-verdal'))
      .send({
        id: UNIT,
        organisationNumber: VERDAL.housing,
        name: 'Rusoppfølging, Verdal kommune',
        kind: 'follow-up-substance-use',
        receives: ['assessment-request'],
        mode: 'primary-backup',
      })
      .expect(201);
    for (const [n, id] of [PRIMARY, BACKUP].entries()) {
      await api()
        .post('/api/v1/directory/contact-persons')
        .set(auth('coord-verdal'))
        .send({
          id,
          unitId: UNIT,
          name: `Rus Eksempel ${n + 1}`,
          email: `${id}@demo.overgang.invalid`,
          phone: `+47 400 30 0${n + 1}0`,
          role: n === 0 ? 'primary' : 'backup',
          referralTypes: ['assessment-request'],
        })
        .expect(201);
    }
  });

  afterAll(async () => {
    await db?.end();
    await producer?.disconnect();
    await recorder?.stop();
    await hub?.stop();
  });

  async function assessmentRequest(): Promise<string> {
    // Born in November of the 1950s, which the shared factory never picks: no other suite's person.
    const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
    const nationalId = syntheticNationalId(
      `195${Math.floor(Math.random() * 10)}-11-${day}`,
      Math.floor(Math.random() * 400),
    );
    const consent = await api()
      .post('/api/v1/consents')
      .set(auth(SENDER))
      .send(
        aConsent({ nationalId, purposes: ['assessment'], receivingOrganisationNumbers: [VERDAL.housing] }),
      )
      .expect(201);
    const res = await eventually(
      () =>
        api()
          .post('/api/v1/referrals/assessment-requests')
          .set(auth(SENDER))
          .send({
            nationalId,
            name: 'Rekkefølge Søker',
            municipalityNumber: VERDAL.municipalityNumber,
            assessedBy: 'follow-up-substance-use',
            questions: ['Trenger søker oppfølging i bolig?'],
            consentId: consent.body.id,
          }),
      {
        until: (r) => r.status !== 422,
        what: 'the referral service to see the new unit',
      },
    );
    expect(res.status).toBe(201);
    return res.body.id;
  }

  /** The suite's unit as the referral shows it to its sender. */
  function recipient(id: string, until: (r: Recipient) => boolean, what: string): Promise<Recipient> {
    return eventually(
      async () => {
        const d = (await api().get(`/api/v1/referrals/${id}`).set(auth(SENDER)).expect(200)).body as {
          recipients: Recipient[];
        };
        return d.recipients.find((r) => r.unitId === UNIT) as Recipient;
      },
      { until: (r) => r !== undefined && until(r), what },
    );
  }

  function clocks(id: string, until: (c: Clock[]) => boolean, what: string): Promise<Clock[]> {
    return eventually(
      async () =>
        (await api().get(`/api/v1/deadlines?referralId=${id}`).set(auth('coord-verdal')).expect(200)).body
          .items as Clock[],
      { until: (c) => c.length === 2 && until(c), what },
    );
  }

  /** Sends an envelope again: under a new id, as a replay that was never handled; or as it was, a redelivery. */
  async function resend(e: Envelope, { sameId = false } = {}): Promise<string> {
    const id = sameId ? e.id : randomUUID();
    await producer.send({ topic: e.type, messages: [{ key: e.key, value: JSON.stringify({ ...e, id }) }] });
    return id;
  }

  /** Waits until both consumers of a routing event have handled (or skipped) the message. */
  async function handledByBoth(messageId: string): Promise<void> {
    await eventually(
      async () =>
        (
          await db.query(
            `SELECT (SELECT count(*) FROM referral.processed_message WHERE message_id = $1)::int
                  + (SELECT count(*) FROM deadline.processed_message WHERE message_id = $1)::int AS n`,
            [messageId],
          )
        ).rows[0].n as number,
      { until: (n) => n === 2, what: `message ${messageId} handled by the referral and deadline services` },
    );
  }

  const envelope = (topic: string, key: string, until: (e: Envelope[]) => boolean = (e) => e.length > 0) =>
    eventually(() => recorder.envelopes(topic, key) as Envelope[], { until, what: `${topic} for ${key}` });

  let referralId: string;

  it('moves the holder on the referral and on its clocks, and an older routing replayed afterwards puts nobody back', async () => {
    referralId = await assessmentRequest();
    await recipient(referralId, (r) => r.holder.contactPersonId === PRIMARY, 'the primary holding it');
    await clocks(
      referralId,
      (c) => c.every((x) => x.holderContactPersonId === PRIMARY),
      'the clocks naming the primary',
    );

    await api()
      .post(`/api/v1/directory/contact-persons/${PRIMARY}/absences`)
      .set(auth('coord-verdal'))
      .send({ from: today(), to: addCalendarDays(today(), 5), reason: 'holiday' })
      .expect(201);
    await recipient(referralId, (r) => r.holder.contactPersonId === BACKUP, 'the backup holding it');
    await clocks(
      referralId,
      (c) => c.every((x) => x.holderContactPersonId === BACKUP),
      'the clocks following the reassignment',
    );

    const [routed] = await envelope('routing.referral-routed.v1', referralId);
    const [reassigned] = await envelope('routing.referral-reassigned.v1', referralId);
    expect(reassigned.sequence).toBeGreaterThan(routed.sequence as number);
    // The older routing replayed; the reassignment redelivered as it was, and replayed under a new id.
    await handledByBoth(await resend(routed));
    await resend(reassigned, { sameId: true });
    await handledByBoth(await resend(reassigned));
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM referral.processed_message WHERE message_id = $1)::int AS n`,
      [reassigned.id],
    );
    expect(rows[0].n).toBe(1);

    const now = await recipient(referralId, () => true, 'the referral');
    expect(now.holder.contactPersonId).toBe(BACKUP);
    const clocksNow = await clocks(referralId, () => true, 'the clocks');
    expect(clocksNow.map((c) => c.holderContactPersonId)).toEqual([BACKUP, BACKUP]);
    const history = (await api().get(`/api/v1/referrals/${referralId}/history`).set(auth(SENDER)).expect(200))
      .body.items as Array<{ action: string }>;
    expect(history.filter((h) => h.action === 'holder-changed').length).toBeGreaterThanOrEqual(1);
  });

  it('warns the holder who holds the referral now', async () => {
    const answer = (await clocks(referralId, () => true, 'the clocks')).find((c) => c.kind === 'answer')!;
    const explained = await api().get(`/api/v1/deadlines/${answer.id}`).set(auth('coord-verdal')).expect(200);
    const warn = explained.body.ladder.find((r: { rungId: string }) => r.rungId === 'warn-holder');
    await hub.apps.deadline.get(RungScheduler).drain(new Date(warn.fireAt));
    const warnings = await envelope('deadline.warning-issued.v1', referralId, (e) =>
      e.some((x) => x.payload.clockId === answer.id),
    );
    expect(warnings.find((x) => x.payload.clockId === answer.id)!.payload.holderContactPersonId).toBe(BACKUP);
  });

  it('shows a clock met after it breached, and keeps it met when the breach is replayed late', async () => {
    const ack = (await clocks(referralId, () => true, 'the clocks')).find((c) => c.kind === 'acknowledge')!;
    const explained = await api().get(`/api/v1/deadlines/${ack.id}`).set(auth('coord-verdal')).expect(200);
    const breach = explained.body.ladder.find(
      (r: { rungId: string }) => r.rungId === 'breach-unit-coordinator',
    );
    // Days pass in the deadline service only: its breach is stamped later than the acknowledgement below.
    await hub.apps.deadline.get(RungScheduler).drain(new Date(breach.fireAt));
    await recipient(
      referralId,
      (r) => r.deadlines.some((d) => d.clockId === ack.id && d.status === 'breached'),
      'the breach on the referral',
    );
    await api().post(`/api/v1/referrals/${referralId}/acknowledge`).set(contact(BACKUP)).expect(200);
    await recipient(
      referralId,
      (r) => r.deadlines.some((d) => d.clockId === ack.id && d.status === 'met'),
      'the clock met on the referral',
    );

    const [breached] = await envelope('deadline.breached.v1', referralId, (e) =>
      e.some((x) => x.payload.clockId === ack.id),
    );
    const replay = await resend(breached);
    await eventually(
      async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM referral.processed_message WHERE message_id = $1`, [
            replay,
          ])
        ).rows[0].n as number,
      { until: (n) => n === 1, what: 'the late breach handled' },
    );
    const after = await recipient(referralId, () => true, 'the referral');
    expect(after.deadlines.find((d) => d.clockId === ack.id)!.status).toBe('met');
  });

  it('lets a reassignment that overtook its routing hold, on the referral and on its clocks', async () => {
    // A referral the routing has not reached yet: a copy of the first, still submitted.
    const id = randomUUID();
    await db.query(`CREATE TEMP TABLE order_copy AS SELECT * FROM referral.referral WHERE id = $1`, [
      referralId,
    ]);
    await db.query(`UPDATE order_copy SET id = $1, status = 'submitted', version = 1`, [id]);
    await db.query(`INSERT INTO referral.referral SELECT * FROM order_copy`);
    await db.query(`DROP TABLE order_copy`);
    const message = (type: string, sequence: number, payload: object) => ({
      key: id,
      value: JSON.stringify({
        id: randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        producer: 'routing-service',
        correlationId: 'e2e-order',
        causationId: null,
        key: id,
        sequence,
        payload,
      }),
    });
    const reassignment = message('routing.referral-reassigned.v1', 2, {
      referralId: id,
      referralType: 'assessment-request',
      organisationNumber: VERDAL.housing,
      unitId: UNIT,
      fromContactPersonId: PRIMARY,
      toContactPersonId: BACKUP,
      mode: 'moved',
      reasonCode: 'ROUTING.HOLDER_ABSENT',
      reason: `${PRIMARY} is absent.`,
      reassignedAt: new Date().toISOString(),
    });
    await producer.send({ topic: 'routing.referral-reassigned.v1', messages: [reassignment] });
    await handledByBoth(JSON.parse(reassignment.value).id);
    await producer.send({
      topic: 'routing.referral-routed.v1',
      messages: [
        message('routing.referral-routed.v1', 1, {
          referralId: id,
          referralType: 'assessment-request',
          recipients: [
            {
              organisationNumber: VERDAL.housing,
              unitId: UNIT,
              unitKind: 'follow-up-substance-use',
              contactPersonId: PRIMARY,
              assignment: 'primary',
              reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
              reason: `${PRIMARY} is the primary.`,
            },
          ],
          senderOrganisationNumber: VERDAL.housing,
          routedAt: new Date(Date.now() - 60_000).toISOString(),
        }),
      ],
    });
    const r = await recipient(id, (x) => x.holder.contactPersonId !== null, 'the routing applied');
    expect(r.holder.contactPersonId).toBe(BACKUP);
    const c = await clocks(id, () => true, 'the clocks opened');
    expect(c.map((x) => x.holderContactPersonId)).toEqual([BACKUP, BACKUP]);
  });
});
