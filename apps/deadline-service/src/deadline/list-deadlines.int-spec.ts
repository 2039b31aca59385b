import { randomUUID } from 'crypto';
import { INestApplication } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { REFERRAL_ROUTED_V1 } from '@overgang/contracts';
import type { Principal, Role } from '@overgang/auth';
import { eventually } from '@overgang/testing';
import { ListDeadlinesHandler } from './application/list-deadlines/list-deadlines.handler';
import { ListedStatus } from './domain/clock-status';
import { DeadlineUnderTest, startDeadlineUnderTest } from '../../../../tests/support/deadline-service';

const HOUSING = {
  organisationNumber: '100000016',
  unitId: 'drammen-boligtjenesten',
  unitKind: 'housing-service',
};
const person = (userId: string, roles: Role[]): Principal => ({
  userId,
  organisationNumber: HOUSING.organisationNumber,
  unitId: HOUSING.unitId,
  roles,
});

/** Who sees which clocks in the listing, and the overdue filter, on the real database. */
describe('listing the deadlines', () => {
  let app: INestApplication;
  let ds: DataSource;
  let producer: Producer;

  let service: DeadlineUnderTest;

  beforeAll(async () => {
    service = await startDeadlineUnderTest('deadline-list');
    ({ app, ds, producer } = service);
  });

  afterAll(async () => {
    await service?.stop();
  });

  /** An assessment request routed to the housing service `daysAgo` days ago, held by `holder`. */
  async function routed(holder: string, daysAgo: number): Promise<string> {
    const referralId = randomUUID();
    await producer.send({
      topic: REFERRAL_ROUTED_V1,
      messages: [
        {
          key: referralId,
          value: JSON.stringify({
            id: randomUUID(),
            type: REFERRAL_ROUTED_V1,
            occurredAt: new Date().toISOString(),
            producer: 'routing-service',
            correlationId: 'test-list',
            causationId: null,
            key: referralId,
            sequence: 1,
            payload: {
              referralId,
              referralType: 'assessment-request',
              recipients: [
                {
                  ...HOUSING,
                  contactPersonId: holder,
                  assignment: 'primary',
                  reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
                  reason: 'test',
                },
              ],
              routedAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
            },
          }),
        },
      ],
    });
    await eventually(() => ds.query<unknown[]>(`SELECT id FROM clock WHERE referral_id = $1`, [referralId]), {
      until: (rows) => rows.length === 2,
      what: 'the two clocks',
    });
    return referralId;
  }

  const list = async (by: Principal, status?: ListedStatus) =>
    (await app.get(ListDeadlinesHandler).execute({ by, status, correlationId: 'test-list' })).items;

  it('lists a caseworker the clocks they hold or co-hold, a coordinator the whole organisation’s', async () => {
    // Holders of this test alone: the other suites' clocks stay in the table.
    const [one, two] = [`cp-${randomUUID()}`, `cp-${randomUUID()}`];
    const mine = await routed(one, 0);
    const theirs = await routed(two, 0);
    await ds.query(`UPDATE clock SET co_holder_contact_person_id = $2 WHERE referral_id = $1`, [theirs, one]);
    const caseworker = await list(person(one, ['housing-caseworker']));
    expect(new Set(caseworker.map((c) => c.referralId))).toEqual(new Set([mine, theirs]));
    const backup = await list(person(two, ['housing-caseworker']));
    expect(new Set(backup.map((c) => c.referralId))).toEqual(new Set([theirs]));
    // A coordinator who is also a caseworker sees the organisation, as before.
    const coordinator = await list(person('coord-drammen', ['coordinator', 'housing-caseworker']));
    expect(coordinator.map((c) => c.referralId)).toEqual(expect.arrayContaining([mine, theirs]));
  });

  it('lists the clocks past their due time as overdue, breach fired or not', async () => {
    const late = await routed('cp-drammen-bolig-1', 10);
    const fresh = await routed('cp-drammen-bolig-1', 0);
    const overdue = await list(person('cp-drammen-bolig-1', ['housing-caseworker']), 'overdue');
    const ids = overdue.map((c) => c.referralId);
    // Acknowledgement was due two working days after a delivery ten days ago; the answer is not due yet.
    expect(overdue.filter((c) => c.referralId === late).map((c) => c.kind)).toEqual(['acknowledge']);
    expect(ids).not.toContain(fresh);
    expect(overdue.every((c) => new Date(c.dueAt).getTime() < Date.now())).toBe(true);
  });
});
