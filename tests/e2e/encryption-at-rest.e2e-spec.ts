import { execFile } from 'child_process';
import { randomUUID } from 'crypto';
import { promisify } from 'util';
import request from 'supertest';
import { Client } from 'pg';
import {
  aPdf,
  aBenefitDeduction,
  aConsent,
  anAssessmentRequest,
  aReleaseNotice,
  DRAMMEN,
  eventually,
  tokenFor,
} from '@overgang/testing';
import { EraseClosedReferralsHandler } from '../../apps/referral-service/src/personal-data/application/erase-closed-referrals/erase-closed-referrals.handler';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });

// Names of this file only, ASCII so they would show in clear in a dump of bytea too.
const RELEASED = 'Kristoffer Krypteringsen';
const TENANT = 'Hedda Hemmeligsen';
const GUARDIAN = 'Viggo Vergesen';
const APPLICANT = 'Synnove Sifferstad';
const FREE_TEXT = 'Trenger rusbehandling etter soning';
const FILE_NAME = `${APPLICANT} soknad.pdf`;
const PDF = aPdf(`Søknad fra ${APPLICANT}`);

/**
 * The test of encryption at rest: after real referrals went through the hub (with
 * Idempotency-Keys, free text, an attachment), a dump of the referral schema holds none of the
 * national IDs, names, free text or file contents; the API still shows them to their readers; and
 * a referral erased by the retention policy reads as erased.
 */
describe('personal data at rest in the referral schema', () => {
  let hub: Hub;
  let db: Client;
  const nationalIds: string[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startHub();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();

    const consent = async (user: string, body: Record<string, unknown>) => {
      nationalIds.push(String(body.nationalId));
      return (await api().post('/api/v1/consents').set(auth(user)).send(body).expect(201)).body.id as string;
    };
    const submit = async (path: string, user: string, body: Record<string, unknown>) =>
      (
        await api()
          .post(`/api/v1/referrals/${path}`)
          .set(auth(user))
          .set('Idempotency-Key', randomUUID())
          .send(body)
          .expect(201)
      ).body.id as string;

    const released = aReleaseNotice({ name: RELEASED, knownFollowUpService: FREE_TEXT });
    ids.release = await submit('release-notices', 'consultant-drammen-fengsel', {
      ...released,
      consentId: await consent('consultant-drammen-fengsel', aConsent({ nationalId: released.nationalId })),
    });

    const tenant = aBenefitDeduction({ name: TENANT, guardian: { name: GUARDIAN } });
    ids.deduction = await submit('benefit-deductions', 'cp-drammen-bolig-1', {
      ...tenant,
      consentId: await consent(
        'cp-drammen-bolig-1',
        aConsent({
          nationalId: tenant.nationalId,
          purposes: ['benefit-deduction'],
          receivingOrganisationNumbers: [DRAMMEN.nav],
          givenBy: 'guardian',
        }),
      ),
    });

    const applicant = anAssessmentRequest({ name: APPLICANT, questions: [FREE_TEXT] });
    ids.assessment = await submit('assessment-requests', 'cp-drammen-bolig-1', {
      ...applicant,
      consentId: await consent(
        'cp-drammen-bolig-1',
        aConsent({
          nationalId: applicant.nationalId,
          purposes: ['assessment'],
          receivingOrganisationNumbers: [DRAMMEN.housing],
        }),
      ),
    });
    await api()
      .post(`/api/v1/referrals/${ids.assessment}/attachments`)
      .set(auth('cp-drammen-bolig-1'))
      .set('Idempotency-Key', randomUUID())
      .attach('file', PDF, FILE_NAME)
      .expect(201);
    await api()
      .post(`/api/v1/referrals/${ids.release}/withdraw`)
      .set(auth('consultant-drammen-fengsel'))
      .set('Idempotency-Key', randomUUID())
      .send({ reason: `${RELEASED}: ${FREE_TEXT}` })
      .expect(200);
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  const api = () => request(hub.gateway);
  const secrets = () => [...nationalIds, RELEASED, TENANT, GUARDIAN, APPLICANT, FREE_TEXT, '%PDF'];

  /** Every row of every table of the schema as text, byte columns decoded, the way a dump shows them. */
  async function selectEverything(): Promise<string> {
    const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'referral' AND t.table_type = 'BASE TABLE'`,
    );
    const parts: string[] = [];
    for (const { table_name, column_name, data_type } of columns.rows) {
      const value = data_type === 'bytea' ? `encode("${column_name}", 'escape')` : `"${column_name}"::text`;
      const rows = await db.query<{ v: string | null }>(`SELECT ${value} AS v FROM referral."${table_name}"`);
      parts.push(...rows.rows.map((r) => r.v ?? ''));
    }
    return parts.join('\n');
  }

  /** pg_dump of the schema, when the machine has a pg_dump for this server. */
  async function pgDump(): Promise<string | null> {
    try {
      const { stdout } = await promisify(execFile)(
        'pg_dump',
        ['--schema=referral', '--no-owner', process.env.DATABASE_URL as string],
        { maxBuffer: 512 * 1024 * 1024 },
      );
      return stdout;
    } catch {
      return null;
    }
  }

  it('holds no national ID, name, free text or file content in clear text', async () => {
    // What the API was given is all stored: the history has the withdrawal, the attachment its row.
    await eventually(
      async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM referral.attachment WHERE referral_id = $1`, [
            ids.assessment,
          ])
        ).rows[0].n,
      { until: (n) => n === 1, what: 'the attachment stored' },
    );
    const everything = await selectEverything();
    expect(everything).toContain(ids.assessment);
    for (const secret of secrets()) expect(everything).not.toContain(secret);

    const dump = await pgDump();
    if (dump !== null) {
      expect(dump).toContain('CREATE TABLE referral.referral');
      for (const secret of secrets()) expect(dump).not.toContain(secret);
    }
  });

  it('still shows the person, the details and the file to the referral’s readers', async () => {
    const release = await api()
      .get(`/api/v1/referrals/${ids.release}`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(release.body.person).toEqual({ nationalId: nationalIds[0], name: RELEASED });
    expect(release.body.details.knownFollowUpService).toBe(FREE_TEXT);
    expect(release.body.personalDataErased).toBeNull();
    const history = await api()
      .get(`/api/v1/referrals/${ids.release}/history`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(history.body.items.map((h: { facts: { reason?: string } }) => h.facts.reason)).toContain(
      `${RELEASED}: ${FREE_TEXT}`,
    );
    const deduction = await api()
      .get(`/api/v1/referrals/${ids.deduction}`)
      .set(auth('cp-drammen-bolig-1'))
      .expect(200);
    expect(deduction.body.details.guardian).toMatchObject({ name: GUARDIAN });

    const assessment = await api()
      .get(`/api/v1/referrals/${ids.assessment}`)
      .set(auth('cp-drammen-bolig-1'))
      .expect(200);
    const [file] = assessment.body.attachments;
    expect(file.fileName).toBe(FILE_NAME);
    const download = await api()
      .get(`/api/v1/referrals/${ids.assessment}/attachments/${file.id}`)
      .set(auth('cp-drammen-bolig-1'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((download.body as Buffer).equals(PDF)).toBe(true);
  });

  it('shows a referral erased by the retention policy as erased, keeping its ids and codes', async () => {
    // A year and a day without activity since it was withdrawn.
    await db.query(
      `UPDATE referral.referral SET updated_at = now() - make_interval(days => 366) WHERE id = $1`,
      [ids.release],
    );
    await db.query(
      `UPDATE referral.referral_history SET at = now() - make_interval(days => 366) WHERE referral_id = $1`,
      [ids.release],
    );
    const erased = await hub.apps.referral.get(EraseClosedReferralsHandler).execute();
    expect(erased.referralsErased).toBeGreaterThanOrEqual(1);

    const res = await api()
      .get(`/api/v1/referrals/${ids.release}`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(res.body).toMatchObject({
      id: ids.release,
      status: 'withdrawn',
      type: 'release-notice',
      municipalityNumber: DRAMMEN.municipalityNumber,
      person: null,
      details: null,
    });
    expect(res.body.personalDataErased.reason).toMatch(/^Personopplysningene i henvisningen er slettet/);
    const history = await api()
      .get(`/api/v1/referrals/${ids.release}/history`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['submitted', 'withdraw']),
    );
    expect(JSON.stringify(history.body)).not.toContain(FREE_TEXT);
  });
});
