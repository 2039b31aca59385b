import { randomBytes, randomUUID } from 'crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { FieldCipher, installFieldCipher, parseKeyRing, SealError } from '@overgang/crypto';
import { openServiceDataSource } from '@overgang/persistence';
import { IdempotencyKeyRepository } from '../../../../libs/web/src/idempotency/idempotency-key.repository';
import { ReferralServiceEnv } from '../config/env.schema';
import { ConsentRepository } from '../consent/infrastructure/consent.repository';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { AttachmentRepository } from '../referral/infrastructure/attachment.repository';
import { ReferralReadRepository } from '../referral/infrastructure/referral.read-repository';
import { ReferralRepository } from '../referral/infrastructure/referral.repository';
import { EraseClosedReferralsHandler } from './application/erase-closed-referrals/erase-closed-referrals.handler';
import { PruneAccessLogHandler } from './application/prune-access-log/prune-access-log.handler';
import { DailyRetentionJob } from './application/retention/daily-retention.job';
import { RotateDataKeysHandler } from './application/rotate-data-keys/rotate-data-keys.handler';
import { AccessLogRetentionRepository } from './infrastructure/access-log-retention.repository';
import { idempotencyAnswerSealer as answerSealer } from './infrastructure/data-key-ring';
import { ResealRepository } from './infrastructure/reseal.repository';
import { rotateDataKeys } from './rotate-data-keys.cli';
import { RetentionRepository } from './infrastructure/retention.repository';

/**
 * Personal data at rest on a real PostgreSQL, in a database of its own (the service's migrations
 * create the `referral` schema there): what the tables hold, tampering, rotation, person-key
 * lookups, the sealing of rows written before sealing existed, and the retention policy.
 */
const key = () => randomBytes(32).toString('base64');
const HMAC = key();
const A = key();
const B = key();
const ringOf = (keys: string, current: string) =>
  new FieldCipher(parseKeyRing({ keys, current, hmacKey: HMAC }));

const NATIONAL_ID = '13897000061';
const NAME = 'Ola Eksempelsen';
const FREE_TEXT = 'Ola ruser seg og trenger tett oppfølging';
const PDF = Buffer.from('%PDF-1.4\nOla Eksempelsen sin søknad\n%%EOF\n');

let ds: DataSource;
let admin: Client;
let dbName: string;
let dbUrl: string;
const referrals = new ReferralRepository();
const reads = new ReferralReadRepository();
const attachments = new AttachmentRepository();
const consents = new ConsentRepository();
const env = { RETENTION_CLOSED_DAYS: 365, RETENTION_ACCESS_LOG_YEARS: 5 } as ReferralServiceEnv;

function use(cipher: FieldCipher): FieldCipher {
  installFieldCipher(cipher);
  return cipher;
}

async function aConsent(nationalId = NATIONAL_ID, status = 'active'): Promise<string> {
  const id = randomUUID();
  await consents.insert(ds.manager, {
    id,
    personNationalId: nationalId,
    purposes: ['release-housing'],
    receivingOrganisations: ['100000016'],
    sharingOrganisations: ['100000008'],
    withdrawnOrganisations: [],
    withdrawnPurposes: [],
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    givenBy: 'person',
    evidenceReference: 'ARKIV-1',
    registeredByUser: 'consultant',
    registeredByOrganisation: '100000008',
    status,
    createdAt: new Date(),
  });
  return id;
}

async function aReferral(
  o: { nationalId?: string; status?: string; sender?: string; consentId?: string } = {},
): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await referrals.insert(ds.manager, {
    id,
    type: 'release-notice',
    status: o.status ?? 'submitted',
    personNationalId: o.nationalId ?? NATIONAL_ID,
    personName: NAME,
    senderOrganisation: o.sender ?? '100000008',
    senderUnit: null,
    senderUser: 'consultant',
    municipalityNumber: '3301',
    consentId: o.consentId ?? (await aConsent(o.nationalId)),
    purpose: 'release-housing',
    recipientOrganisations: ['100000016'],
    anchorDate: '2027-01-15',
    details: { expectedReleaseDate: '2027-01-15', housingSituation: 'no-home', needs: FREE_TEXT },
    createdAt: now,
    updatedAt: now,
  });
  await referrals.addHistory(ds.manager, {
    referralId: id,
    at: now,
    actor: 'consultant',
    actorOrganisation: '100000008',
    action: 'rejected',
    toStatus: o.status ?? 'submitted',
    facts: { code: 'rejected', unitId: 'nav-drammen', reason: FREE_TEXT },
  });
  await attachments.insert(ds.manager, {
    id: randomUUID(),
    referralId: id,
    fileName: `${NAME}.pdf`,
    contentType: 'application/pdf',
    sizeBytes: PDF.length,
    sha256: 'x',
    content: PDF,
    uploadedBy: 'consultant',
    uploadedByOrganisation: '100000008',
    uploadedAt: now,
  });
  return id;
}

/** Every text, JSON and byte value of every table in the schema, as one string. */
async function everythingStored(): Promise<string> {
  const tables: Array<{ table_name: string }> = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'referral' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows: Array<{ row: string }> = await ds.query(
      `SELECT t::text AS row FROM referral.${table_name} t`,
    );
    parts.push(...rows.map((r) => r.row));
  }
  const bytes: Array<{ content: Buffer }> = await ds.query(`SELECT content FROM attachment`);
  parts.push(...bytes.map((b) => b.content.toString('latin1')));
  return parts.join('\n');
}

const load = (id: string) => referrals.load(ds.manager, id);

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL as string);
  dbName = `${url.pathname.slice(1)}_personal_data`;
  admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  url.pathname = `/${dbName}`;
  dbUrl = url.toString();
  use(ringOf(`a:${A}`, 'a'));
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
  use(ringOf(`a:${A}`, 'a'));
  await ds.query(
    `TRUNCATE referral, consent, referral_history, attachment, access_log, idempotency_key, retention_run`,
  );
});

describe('sealed columns', () => {
  it('store neither the national ID, the name, the free text nor the file in clear, and read them back', async () => {
    const id = await aReferral();
    const stored = await everythingStored();
    for (const secret of [NATIONAL_ID, NAME, 'Eksempelsen', FREE_TEXT, 'ruser', 'no-home', '%PDF'])
      expect(stored).not.toContain(secret);

    const loaded = await load(id);
    expect(loaded?.referral).toMatchObject({ personNationalId: NATIONAL_ID, personName: NAME });
    expect(loaded?.referral.details).toMatchObject({ needs: FREE_TEXT, housingSituation: 'no-home' });
    const [entry] = await reads.history(ds.manager, id);
    expect(entry.facts).toEqual({ code: 'rejected', unitId: 'nav-drammen', reason: FREE_TEXT });
    const [a] = await attachments.list(ds.manager, id);
    expect(a.fileName).toBe(`${NAME}.pdf`);
    expect((await attachments.withContent(ds.manager, id, a.id))?.content.equals(PDF)).toBe(true);
  });

  it('keep a step’s codes in clear for statistics and seal its free text apart', async () => {
    const id = await aReferral();
    const [row]: Array<{ facts: object; personal_facts: string }> = await ds.query(
      `SELECT facts, personal_facts FROM referral_history WHERE referral_id = $1`,
      [id],
    );
    expect(row.facts).toEqual({ code: 'rejected', unitId: 'nav-drammen' });
    expect(row.personal_facts).toMatch(/^v1:a:/);
  });

  it('refuse a changed ciphertext and a value copied from another column', async () => {
    const id = await aReferral();
    await ds.query(
      `UPDATE referral SET person_name = regexp_replace(person_name, '.$', CASE WHEN right(person_name, 1) = 'A' THEN 'B' ELSE 'A' END) WHERE id = $1`,
      [id],
    );
    await expect(load(id)).rejects.toThrow(SealError);
    await ds.query(`UPDATE referral SET person_name = person_national_id WHERE id = $1`, [id]);
    await expect(load(id)).rejects.toThrow(/authentication failed/);
  });

  it('find the same person’s referrals by the keyed hash, on an index, with no clear-text index left', async () => {
    const first = await aReferral({ sender: '100000008' });
    await aReferral({ nationalId: '02847500177', sender: '100000008' });
    const found = await referrals.otherSendersOpenReferrals(
      ds.manager,
      {
        id: randomUUID(),
        nationalId: NATIONAL_ID,
        type: 'release-notice',
        municipalityNumber: '3301',
        sender: '1',
      },
      ['submitted'],
    );
    expect(found.map((r) => r.id)).toEqual([first]);
    const indexes: Array<{ indexdef: string }> = await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'referral' AND tablename IN ('referral', 'consent')`,
    );
    const defs = indexes.map((i) => i.indexdef).join('\n');
    expect(defs).toContain('(person_key, type)');
    expect(defs).not.toContain('person_national_id');
  });
});

describe('key rotation', () => {
  const rotation = (cipher: FieldCipher) => new RotateDataKeysHandler(ds, new ResealRepository(), cipher);

  it('reads old values after a new key is current, re-seals them, and then needs the old key no more', async () => {
    const id = await aReferral();
    const sealer = answerSealer(use(ringOf(`a:${A}`, 'a')));
    const keys = new IdempotencyKeyRepository(ds, sealer);
    const scope = { caller: 'org:user', method: 'POST', path: '/x', key: 'k1' };
    await keys.claim(ds.manager, scope, 'hash', { status: 201, body: { fileName: `${NAME}.pdf` } });

    // B becomes current, A stays in the ring: old values still read, new ones are sealed with B.
    const ab = use(ringOf(`b:${B},a:${A}`, 'b'));
    expect((await load(id))?.referral.personName).toBe(NAME);
    const report = await rotation(ab).execute({ mode: 'rotate' });
    expect(report.resealed).toEqual({
      referral: 1,
      consent: 1,
      referral_history: 1,
      attachment: 1,
      idempotency_key: 1,
    });
    expect(Object.keys(report.keysInUse)).toEqual(['b']);
    // A second run finds nothing left to do.
    expect(Object.values((await rotation(ab).execute({ mode: 'rotate' })).resealed)).toEqual([0, 0, 0, 0, 0]);

    // A leaves the ring: everything still reads.
    const onlyB = use(ringOf(`b:${B}`, 'b'));
    const loaded = await load(id);
    expect(loaded?.referral).toMatchObject({ personNationalId: NATIONAL_ID, personName: NAME });
    expect(loaded?.referral.details.needs).toBe(FREE_TEXT);
    expect((await reads.history(ds.manager, id))[0].facts.reason).toBe(FREE_TEXT);
    const [a] = await attachments.list(ds.manager, id);
    expect((await attachments.withContent(ds.manager, id, a.id))?.content.equals(PDF)).toBe(true);
    const stored = await new IdempotencyKeyRepository(ds, answerSealer(onlyB)).find(scope);
    expect(stored?.response?.body).toEqual({ fileName: `${NAME}.pdf` });
    // The person key does not depend on the data key: lookups found before rotation still find.
    const [{ person_key }]: Array<{ person_key: string }> = await ds.query(
      `SELECT person_key FROM referral WHERE id = $1`,
      [id],
    );
    expect(person_key).toBe(onlyB.personKey(NATIONAL_ID));
  });

  it('runs as npm run keys:rotate, and says when the old key may leave the ring', async () => {
    const id = await aReferral();
    const lines: string[] = [];
    const settings = { DATABASE_URL: dbUrl, NODE_ENV: 'test', DATA_HMAC_KEY: HMAC };
    const done = await rotateDataKeys(
      { ...settings, DATA_KEYS: `b:${B},a:${A}`, DATA_KEY_CURRENT: 'b' },
      [],
      (line) => lines.push(line),
    );
    expect(done).toBe(true);
    expect(lines.join('\n')).toContain('every value is sealed with b: older keys may leave DATA_KEYS');
    use(ringOf(`b:${B}`, 'b'));
    expect((await load(id))?.referral.personNationalId).toBe(NATIONAL_ID);
    await expect(
      rotateDataKeys({ ...settings, DATA_KEYS: `b:${B}`, DATA_KEY_CURRENT: 'a' }, [], () => undefined),
    ).rejects.toThrow(/DATA_KEY_CURRENT: a is not one of the DATA_KEYS/);
  });

  it('refuses to read a value whose key left the ring before it was re-sealed', async () => {
    const id = await aReferral();
    use(ringOf(`b:${B}`, 'b'));
    await expect(load(id)).rejects.toThrow(/key a, which is not in the ring/);
  });

  it('recomputes every person key after the HMAC key changed', async () => {
    const id = await aReferral();
    const newHmac = new FieldCipher(parseKeyRing({ keys: `a:${A}`, current: 'a', hmacKey: key() }));
    use(newHmac);
    const report = await rotation(newHmac).execute({ mode: 'person-keys' });
    expect(report.resealed.referral).toBe(1);
    const [{ person_key }]: Array<{ person_key: string }> = await ds.query(
      `SELECT person_key FROM referral WHERE id = $1`,
      [id],
    );
    expect(person_key).toBe(newHmac.personKey(NATIONAL_ID));
  });

  it('seals rows written in clear before sealing existed', async () => {
    const consentId = randomUUID();
    const id = randomUUID();
    await ds.query(
      `INSERT INTO consent (id, person_national_id, purposes, receiving_organisations, valid_from, valid_to, given_by,
         evidence_reference, registered_by_user, registered_by_organisation, status)
       VALUES ($1, $2, '{release-housing}', '{100000016}', '2026-01-01', '2026-12-31', 'person', 'A', 'u', '100000008', 'active')`,
      [consentId, NATIONAL_ID],
    );
    await ds.query(
      `INSERT INTO referral (id, type, status, person_national_id, person_name, sender_organisation, sender_user,
         municipality_number, consent_id, purpose, recipient_organisations, details, version)
       VALUES ($1, 'release-notice', 'submitted', $2, $3, '100000008', 'u', '3301', $4, 'release-housing', '{100000016}', $5, 1)`,
      [id, NATIONAL_ID, NAME, consentId, JSON.stringify({ needs: FREE_TEXT })],
    );
    await ds.query(
      `INSERT INTO referral_history (referral_id, at, actor, action, facts, personal_facts)
       VALUES ($1, now(), 'u', 'rejected', '{"code":"rejected"}', $2)`,
      [id, JSON.stringify({ reason: FREE_TEXT })],
    );
    await ds.query(
      `INSERT INTO attachment (id, referral_id, file_name, content_type, size_bytes, sha256, content, uploaded_by,
         uploaded_by_organisation, uploaded_at)
       VALUES ($1, $2, $3, 'application/pdf', 1, 'x', $4, 'u', '100000008', now())`,
      [randomUUID(), id, `${NAME}.pdf`, PDF],
    );

    const report = await rotation(ringOf(`a:${A}`, 'a')).sealLegacyRows();
    expect(report?.resealed).toMatchObject({ referral: 1, consent: 1, referral_history: 1, attachment: 1 });
    expect(await rotation(ringOf(`a:${A}`, 'a')).sealLegacyRows()).toBeNull();
    const stored = await everythingStored();
    for (const secret of [NATIONAL_ID, NAME, FREE_TEXT, '%PDF']) expect(stored).not.toContain(secret);
    const loaded = await load(id);
    expect(loaded?.referral).toMatchObject({ personNationalId: NATIONAL_ID, personName: NAME });
    expect(loaded?.referral.details.needs).toBe(FREE_TEXT);
    expect((await reads.history(ds.manager, id))[0].facts.reason).toBe(FREE_TEXT);
  });
});

describe('retention', () => {
  const retention = new RetentionRepository();
  const erase = () => new EraseClosedReferralsHandler(ds, retention, env);
  const prune = () => new PruneAccessLogHandler(ds, new AccessLogRetentionRepository(), env);
  const job = () => new DailyRetentionJob(ds, retention, erase(), prune(), env);

  async function age(referralId: string, days: number): Promise<void> {
    const back = `make_interval(days => ${days})`;
    await ds.query(`UPDATE referral SET updated_at = now() - ${back} WHERE id = $1`, [referralId]);
    await ds.query(`UPDATE referral_history SET at = now() - ${back} WHERE referral_id = $1`, [referralId]);
  }

  async function anAccessLogEntry(referralId: string, yearsAgo: number): Promise<void> {
    // Whatever else the access log records, filled in by type: this test is about its age only.
    const columns: Array<{ column_name: string; data_type: string; udt_name: string }> = await ds.query(
      `SELECT column_name, data_type, udt_name FROM information_schema.columns
       WHERE table_schema = 'referral' AND table_name = 'access_log' AND is_nullable = 'NO'
         AND column_default IS NULL AND column_name NOT IN ('id', 'at', 'referral_id')`,
    );
    const value = (c: { data_type: string; udt_name: string }) =>
      c.data_type === 'ARRAY' ? '{}' : c.udt_name === 'uuid' ? randomUUID() : 'x';
    await ds.query(
      `INSERT INTO access_log (referral_id, at${columns.map((c) => `, ${c.column_name}`).join('')})
       VALUES ($1, now() - make_interval(years => $2)${columns.map((_c, i) => `, $${i + 3}`).join('')})`,
      [referralId, yearsAgo, ...columns.map(value)],
    );
  }

  it('erases the person from referrals closed longer than the period, keeping ids, dates and codes', async () => {
    const consentId = await aConsent(NATIONAL_ID, 'withdrawn');
    const old = await aReferral({ status: 'completed', consentId });
    const recent = await aReferral({ status: 'completed' });
    const open = await aReferral({ status: 'submitted' });
    await age(old, 366);
    await age(recent, 300);
    await age(open, 1000);
    await ds.query(`UPDATE consent SET created_at = now() - make_interval(days => 1000) WHERE id = $1`, [
      consentId,
    ]);

    expect(await erase().execute()).toEqual({ referralsErased: 1, consentsErased: 1 });

    const [row]: Array<Record<string, unknown>> = await ds.query(
      `SELECT *, anchor_date::text AS anchor_date FROM referral WHERE id = $1`,
      [old],
    );
    expect(row).toMatchObject({
      person_national_id: null,
      person_name: null,
      person_key: null,
      details: null,
      status: 'completed',
      type: 'release-notice',
      municipality_number: '3301',
      consent_id: consentId,
      anchor_date: '2027-01-15',
    });
    expect(row.erased_at).toBeInstanceOf(Date);
    expect(await ds.query(`SELECT count(*)::int AS n FROM attachment WHERE referral_id = $1`, [old])).toEqual(
      [{ n: 0 }],
    );
    const history: Array<{ facts: object; personal_facts: string | null }> = await ds.query(
      `SELECT facts, personal_facts FROM referral_history WHERE referral_id = $1`,
      [old],
    );
    expect(history).toEqual([{ facts: { code: 'rejected', unitId: 'nav-drammen' }, personal_facts: null }]);
    const [c]: Array<{ person_national_id: string | null; erased_at: Date | null }> = await ds.query(
      `SELECT person_national_id, erased_at FROM consent WHERE id = $1`,
      [consentId],
    );
    expect(c.person_national_id).toBeNull();
    expect(c.erased_at).toBeInstanceOf(Date);

    // The erased referral still loads (as erased); the others keep everything.
    const erased = await load(old);
    expect(erased?.referral).toMatchObject({ personNationalId: null, personName: null, details: {} });
    expect((await reads.history(ds.manager, old))[0].facts).toEqual({
      code: 'rejected',
      unitId: 'nav-drammen',
    });
    for (const kept of [recent, open]) expect((await load(kept))?.referral.personName).toBe(NAME);
    expect(await erase().execute()).toEqual({ referralsErased: 0, consentsErased: 0 });
  });

  it('keeps a referral that had activity within the period, and a consent an unerased referral relies on', async () => {
    const consentId = await aConsent(NATIONAL_ID, 'expired');
    const touched = await aReferral({ status: 'completed', consentId });
    await aReferral({ status: 'submitted', consentId });
    await age(touched, 400);
    await ds.query(`UPDATE consent SET created_at = now() - make_interval(days => 1000) WHERE id = $1`, [
      consentId,
    ]);
    await referrals.addHistory(ds.manager, {
      referralId: touched,
      at: new Date(),
      actor: 'referral-service',
      actorOrganisation: null,
      action: 'clock-breached',
    });
    expect(await erase().execute()).toEqual({ referralsErased: 0, consentsErased: 0 });
  });

  it('deletes access-log entries older than five years and keeps the rest', async () => {
    const id = await aReferral();
    await anAccessLogEntry(id, 6);
    await anAccessLogEntry(id, 4);
    expect(await prune().execute()).toEqual({ accessLogDeleted: 1 });
    const left: Array<{ years: number }> = await ds.query(
      `SELECT extract(year FROM age(now(), at))::int AS years FROM access_log`,
    );
    expect(left).toEqual([{ years: 4 }]);
  });

  it('runs once a day however many replicas ask, and records what it did', async () => {
    const old = await aReferral({ status: 'rejected' });
    await age(old, 400);
    await anAccessLogEntry(old, 7);
    const [first, second] = await Promise.all([job().runIfDue(), job().runIfDue()]);
    const ran = [first, second].filter(Boolean);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ referralsErased: 1, consentsErased: 0, accessLogDeleted: 1 });
    expect(await job().runIfDue()).toBeNull();
    const runs: Array<Record<string, unknown>> = await ds.query(
      `SELECT referrals_erased, consents_erased, access_log_deleted, finished_at IS NOT NULL AS finished FROM retention_run`,
    );
    expect(runs).toEqual([
      { referrals_erased: 1, consents_erased: 0, access_log_deleted: 1, finished: true },
    ]);
  });
});
