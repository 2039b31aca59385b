import { randomBytes, randomUUID } from 'crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { FINAL_REFERRAL_STATUSES } from '@overgang/contracts';
import { FieldCipher, installFieldCipher, parseKeyRing } from '@overgang/crypto';
import { inTransaction, openServiceDataSource } from '@overgang/persistence';
import { ENTITIES } from '../../../entities';
import { MIGRATIONS } from '../../../migrations';
import { RetentionRepository } from '../../../personal-data/infrastructure/retention.repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { HousingSituationCounter } from './housing-situation.counter';

/**
 * The housing situation at notice, counted in the submit and date-change transactions, on a real
 * PostgreSQL in a database of its own (the service's migrations create the `referral` schema).
 */
const counter = new HousingSituationCounter();
let ds: DataSource;
let admin: Client;
let dbName: string;

const DRAMMEN = '3301';
const release = (anchorDate: string | null, situation = 'no-home', municipalityNumber = DRAMMEN) => ({
  referralId: randomUUID(),
  referralType: 'release-notice' as const,
  municipalityNumber,
  anchorDate,
  situation,
});

const counts = (type = 'release-notice', from = '2027-01', to = '2027-12') =>
  counter.counts(ds.manager, type, from, to);
const tx = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(ds, work);

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL as string);
  dbName = `${url.pathname.slice(1)}_housing_statistics`;
  admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  url.pathname = `/${dbName}`;
  ds = await openServiceDataSource({
    url: url.toString(),
    schema: 'referral',
    entities: ENTITIES,
    migrations: MIGRATIONS,
  });
});

afterAll(async () => {
  await ds?.destroy();
  await admin?.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin?.end();
});

beforeEach(async () => {
  await ds.query(`TRUNCATE housing_situation_fact, housing_situation_count, referral`);
});

describe('the housing situation at notice, counted where the referral is', () => {
  it('counts a notice in the month of its date, per municipality and situation, with a rising sequence', async () => {
    const first = await tx((m) => counter.noticeSubmitted(m, release('2027-03-02')));
    await tx((m) => counter.noticeSubmitted(m, release('2027-03-31')));
    await tx((m) => counter.noticeSubmitted(m, release('2027-03-15', 'has-home')));
    await tx((m) => counter.noticeSubmitted(m, release('2027-03-15', 'no-home', '0301')));
    expect(first).toEqual([
      {
        referralType: 'release-notice',
        municipalityNumber: DRAMMEN,
        month: '2027-03',
        situation: 'no-home',
        count: 1,
        sequence: 1,
      },
    ]);
    expect(
      (await counts()).map((c) => [c.municipalityNumber, c.month, c.situation, c.count, c.sequence]),
    ).toEqual([
      ['0301', '2027-03', 'no-home', 1, 1],
      [DRAMMEN, '2027-03', 'has-home', 1, 1],
      [DRAMMEN, '2027-03', 'no-home', 2, 2],
    ]);
  });

  it('counts a discharge notice without a planned date once the date is set, and no other type', async () => {
    const discharge = { ...release(null, 'at-risk'), referralType: 'discharge-notice' as const };
    expect(await tx((m) => counter.noticeSubmitted(m, discharge))).toEqual([]);
    expect(await counts('discharge-notice')).toEqual([]);
    const deduction = { ...release(null), referralType: 'benefit-deduction' as const };
    expect(await tx((m) => counter.noticeSubmitted(m, deduction))).toEqual([]);

    const set = await tx((m) => counter.anchorMoved(m, discharge.referralId, '2027-05-20'));
    expect(set.map((c) => [c.month, c.situation, c.count])).toEqual([['2027-05', 'at-risk', 1]]);
    expect(await tx((m) => counter.anchorMoved(m, deduction.referralId, '2027-05-20'))).toEqual([]);
    expect((await ds.query(`SELECT count(*)::int AS n FROM housing_situation_fact`))[0].n).toBe(1);
  });

  it('moves a notice to the month its date moved to, and not for a move within the month', async () => {
    const moved = release('2027-03-30');
    await tx((m) => counter.noticeSubmitted(m, moved));
    await tx((m) => counter.noticeSubmitted(m, release('2027-03-10')));
    expect(await tx((m) => counter.anchorMoved(m, moved.referralId, '2027-03-12'))).toEqual([]);

    const cells = await tx((m) => counter.anchorMoved(m, moved.referralId, '2027-04-02'));
    // Both cells changed, both published with a sequence above what the reader had.
    expect(cells.map((c) => [c.month, c.count, c.sequence])).toEqual([
      ['2027-03', 1, 3],
      ['2027-04', 1, 1],
    ]);
    const back = await tx((m) => counter.anchorMoved(m, moved.referralId, '2027-03-01'));
    expect(back.map((c) => [c.month, c.count, c.sequence])).toEqual([
      ['2027-03', 2, 4],
      ['2027-04', 0, 2],
    ]);
  });

  it('loses no count when notices to one cell are submitted at once', async () => {
    await Promise.all(
      Array.from({ length: 6 }, () => tx((m) => counter.noticeSubmitted(m, release('2027-06-01')))),
    );
    const [cell] = await counts();
    expect([cell.count, cell.sequence]).toEqual([6, 6]);
  });

  it('moves notices between two months in opposite directions at once without a deadlock', async () => {
    const june = Array.from({ length: 3 }, () => release('2027-06-10'));
    const july = Array.from({ length: 3 }, () => release('2027-07-10'));
    for (const n of [...june, ...july]) await tx((m) => counter.noticeSubmitted(m, n));
    await Promise.all([
      ...june.map((n) => tx((m) => counter.anchorMoved(m, n.referralId, '2027-07-01'))),
      ...july.map((n) => tx((m) => counter.anchorMoved(m, n.referralId, '2027-06-01'))),
    ]);
    expect((await counts()).map((c) => [c.month, c.count, c.sequence])).toEqual([
      ['2027-06', 3, 9],
      ['2027-07', 3, 9],
    ]);
  });

  it('forgets which referral had which situation when the referral is erased, keeping the count', async () => {
    installFieldCipher(
      new FieldCipher(
        parseKeyRing({
          keys: `a:${randomBytes(32).toString('base64')}`,
          current: 'a',
          hmacKey: randomBytes(32).toString('base64'),
        }),
      ),
    );
    // No foreign keys: the referral's consent need not exist for the retention's SQL.
    const consentId = randomUUID();
    const notice = release('2027-01-15');
    const at = new Date(Date.now() - 400 * 86_400_000);
    await new ReferralRepository().insert(ds.manager, {
      id: notice.referralId,
      type: 'release-notice',
      status: FINAL_REFERRAL_STATUSES[0],
      personNationalId: '13897000061',
      personName: 'Ola Eksempelsen',
      senderOrganisation: '100000008',
      senderUnit: null,
      senderUser: 'consultant',
      municipalityNumber: DRAMMEN,
      consentId,
      purpose: 'release-housing',
      recipientOrganisations: ['100000016'],
      anchorDate: notice.anchorDate,
      details: { expectedReleaseDate: notice.anchorDate, housingSituation: notice.situation },
      createdAt: at,
      updatedAt: at,
    });
    await tx((m) => counter.noticeSubmitted(m, notice));
    const kept = release('2027-01-20');
    await tx((m) => counter.noticeSubmitted(m, kept));

    expect(
      await tx((m) => new RetentionRepository().eraseClosedReferrals(m, FINAL_REFERRAL_STATUSES, 365, 10)),
    ).toBe(1);
    const facts: Array<{ referral_id: string }> = await ds.query(
      `SELECT referral_id FROM housing_situation_fact`,
    );
    expect(facts.map((f) => f.referral_id)).toEqual([kept.referralId]);
    expect((await counts()).map((c) => c.count)).toEqual([2]);
  });
});
