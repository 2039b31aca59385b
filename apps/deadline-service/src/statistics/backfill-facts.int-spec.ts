import { randomUUID } from 'crypto';
import { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  REFERRAL_SUBMITTED_V1,
} from '@overgang/contracts';
import { eventually, TEST_JWT_SECRET } from '@overgang/testing';
import { startDeadlineService } from '../bootstrap';
import { backfillFacts } from './application/backfill-facts/backfill-facts';

type FactRow = { anchor_date: string; noticed_on: string; housing_outcome: string | null };

/** The statistics' backfill: facts for referrals the fact table missed, read again from the topics. */
describe('statistics backfill on the real database and broker', () => {
  let app: INestApplication;
  let ds: DataSource;
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    app = await startDeadlineService(
      {
        NODE_ENV: 'test',
        DATABASE_URL: process.env.DATABASE_URL,
        KAFKA_BROKERS: process.env.KAFKA_BROKERS,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'warn',
        PORT: '0',
        OUTBOX_POLL_MS: '100',
        DEADLINE_SWEEP_MS: '3600000',
      },
      { port: 0 },
    );
    ds = app.get(DataSource);
    kafka = new Kafka({
      clientId: 'statistics-backfill-test',
      brokers: (process.env.KAFKA_BROKERS as string).split(','),
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  async function send(topic: string, referralId: string, payload: object, sequence: number) {
    await producer.send({
      topic,
      messages: [
        {
          key: referralId,
          value: JSON.stringify({
            id: randomUUID(),
            type: topic,
            occurredAt: new Date().toISOString(),
            producer: 'referral-service',
            correlationId: 'test-backfill',
            causationId: null,
            key: referralId,
            sequence,
            payload,
          }),
        },
      ],
    });
  }

  const fact = async (referralId: string) =>
    (
      await ds.query<FactRow[]>(
        `SELECT to_char(anchor_date, 'YYYY-MM-DD') AS anchor_date, to_char(noticed_on, 'YYYY-MM-DD') AS noticed_on,
                housing_outcome
         FROM referral_fact WHERE referral_id = $1`,
        [referralId],
      )
    )[0];

  it('rebuilds a missing fact with its latest date and outcome, and changes nothing when run again', async () => {
    const referralId = randomUUID();
    await send(
      REFERRAL_SUBMITTED_V1,
      referralId,
      {
        referralId,
        referralType: 'release-notice',
        senderOrganisationNumber: '100000008',
        municipalityNumber: '3301',
        consentId: randomUUID(),
        consentedRecipientOrganisationNumbers: ['100000016'],
        anchorDate: '2029-05-20',
        submittedAt: '2029-04-02T08:00:00.000Z',
      },
      1,
    );
    await send(
      REFERRAL_ANCHOR_DATE_CHANGED_V1,
      referralId,
      {
        referralId,
        referralType: 'release-notice',
        anchorKind: 'expected-release',
        from: '2029-05-20',
        to: '2029-05-06',
        reasonCode: 'brought-forward',
        changedAt: '2029-04-10T08:00:00.000Z',
      },
      2,
    );
    await send(
      REFERRAL_PROGRESSED_V1,
      referralId,
      {
        referralId,
        referralType: 'release-notice',
        action: 'report-housing-outcome',
        fromStatus: 'acknowledged',
        toStatus: 'answered',
        actorOrganisationNumber: '100000016',
        recipientUnitId: 'drammen-boligtjenesten',
        code: 'contract-signed',
        at: '2029-04-20T08:00:00.000Z',
      },
      3,
    );
    const expected = {
      anchor_date: '2029-05-06',
      noticed_on: '2029-04-02',
      housing_outcome: 'contract-signed',
    };
    const same = (f: FactRow | undefined) => JSON.stringify(f) === JSON.stringify(expected);
    await eventually(() => fact(referralId), { until: same, what: 'the fact from the consumer' });

    // As if the statistics had not existed when it was submitted.
    await ds.query(`DELETE FROM referral_fact WHERE referral_id = $1`, [referralId]);
    const first = await backfillFacts(kafka, ds);
    expect(first.read['referral.submitted.v1']).toBeGreaterThanOrEqual(1);
    expect(first.read['referral.progressed.v1']).toBeGreaterThanOrEqual(1);
    expect(await fact(referralId)).toEqual(expected);

    const before = await ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM referral_fact`);
    await backfillFacts(kafka, ds);
    expect(await fact(referralId)).toEqual(expected);
    expect(await ds.query(`SELECT count(*)::int AS n FROM referral_fact`)).toEqual(before);
  });
});
