import request from 'supertest';
import { Client } from 'pg';
import { addCalendarDays, osloDate } from '@overgang/core';
import { validateNationalId } from '@overgang/norway';
import {
  aConsent,
  aDischargeNotice,
  aNationalId,
  aReleaseNotice,
  eventually,
  tokenFor,
} from '@overgang/testing';
import { Hub, startHub } from '../support/hub';

const auth = (user: string) => ({ Authorization: `Bearer ${tokenFor(user)}` });

interface Clock {
  clockId: string;
  kind: string;
  status: string;
  dueAt: string;
}
interface Row {
  id: string;
  type: string;
  status: string;
  person: { name: string | null; birthYear: number | null } | null;
  personalDataWithheld: { code: string } | null;
  nextDueAt: string | null;
  overdue: boolean;
  atRisk: boolean;
  deadlines: Clock[];
  holder?: { heldByMe: boolean };
}
interface Page {
  items: Row[];
  page: number;
  pageSize: number;
  total: number;
}

const birthYear = (nationalId: string) => {
  const v = validateNationalId(nationalId);
  if (!v.valid) throw new Error('invalid test national id');
  return Number(v.birthDate.slice(0, 4));
};

/**
 * The work lists: a caseworker's inbox and a sender's sent list, filtered, sorted by the next due
 * deadline of any kind and paged, with the person's name and birth year where the caller may read
 * them. Referrals (all routed to cp-drammen-bolig-1's unit):
 *   early  release in 25 days, Drammen fengsel       later  release in 60 days, Ringerike fengsel
 *   late   release in 120 days, Drammen fengsel      gone   release in 80 days, then withdrawn
 *   dis    a discharge notice from DPS Drammen       quiet  release in 90 days, consent then withdrawn
 * early, later, late and dis are acknowledged, so their next due clock is the housing one.
 */
describe('work lists, end to end', () => {
  let hub: Hub;
  let db: Client;
  const id: Record<string, string> = {};
  const nationalIds: Record<string, string> = {};
  const names: Record<string, string> = {};
  const api = () => request(hub.gateway);
  const list = async (path: string, user: string, query = ''): Promise<Page> =>
    (await api().get(`/api/v1/referrals/${path}${query}`).set(auth(user)).expect(200)).body;
  const ours = (page: Page) => page.items.filter((i) => Object.values(id).includes(i.id));
  const idsOf = (page: Page) => ours(page).map((i) => i.id);

  async function consent(user: string, nationalId: string, extra: Record<string, unknown> = {}) {
    return (
      await api()
        .post('/api/v1/consents')
        .set(auth(user))
        .send(aConsent({ nationalId, ...extra }))
        .expect(201)
    ).body.id as string;
  }

  async function release(key: string, user: string, days: number) {
    nationalIds[key] = aNationalId();
    names[key] = `Arbeidsliste ${key.toUpperCase()} Testesen`;
    const consentId = await consent(user, nationalIds[key]);
    id[key] = (
      await api()
        .post('/api/v1/referrals/release-notices')
        .set(auth(user))
        .send(
          aReleaseNotice({
            nationalId: nationalIds[key],
            consentId,
            name: names[key],
            expectedReleaseDate: addCalendarDays(osloDate(new Date()), days),
          }),
        )
        .expect(201)
    ).body.id;
    return consentId;
  }

  /** In bolig-1's inbox (any status), with the clocks of its unit. */
  async function routed(keys: string[]) {
    await eventually(() => list('inbox', 'cp-drammen-bolig-1', '?status=all&pageSize=200'), {
      until: (p) => keys.every((k) => p.items.some((i) => i.id === id[k] && i.deadlines.length > 0)),
      what: `${keys.join(', ')} routed with their clocks`,
    });
  }

  beforeAll(async () => {
    hub = await startHub();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    await release('early', 'consultant-drammen-fengsel', 25);
    await release('later', 'consultant-ringerike-fengsel', 60);
    await release('late', 'consultant-drammen-fengsel', 120);
    await release('gone', 'consultant-drammen-fengsel', 80);
    const quietConsent = await release('quiet', 'consultant-drammen-fengsel', 90);
    nationalIds.dis = aNationalId();
    names.dis = 'Arbeidsliste DIS Testesen';
    id.dis = (
      await api()
        .post('/api/v1/referrals/discharge-notices')
        .set(auth('staff-vestre-viken-dps-drammen'))
        .send(
          aDischargeNotice({
            nationalId: nationalIds.dis,
            name: names.dis,
            consentId: await consent('staff-vestre-viken-dps-drammen', nationalIds.dis, {
              purposes: ['discharge-housing'],
            }),
          }),
        )
        .expect(201)
    ).body.id;
    await routed(['early', 'later', 'late', 'gone', 'quiet', 'dis']);
    for (const k of ['early', 'later', 'late', 'dis']) {
      await api().post(`/api/v1/referrals/${id[k]}/acknowledge`).set(auth('cp-drammen-bolig-1')).expect(200);
    }
    await api()
      .post(`/api/v1/referrals/${id.gone}/withdraw`)
      .set(auth('consultant-drammen-fengsel'))
      .send({ reason: 'Sendt ved en feil' })
      .expect(200);
    await api()
      .post(`/api/v1/consents/${quietConsent}/withdrawals`)
      .set(auth('consultant-drammen-fengsel'))
      .send({})
      .expect(200);
    // Acknowledged: the acknowledge clocks met, one running clock left on each.
    await eventually(() => list('inbox', 'cp-drammen-bolig-1', '?pageSize=200'), {
      until: (p) =>
        ['early', 'later', 'late'].every((k) =>
          p.items.some(
            (i) =>
              i.id === id[k] &&
              i.deadlines.filter((c) => c.status === 'open').length === 1 &&
              i.deadlines.some((c) => c.kind === 'acknowledge' && c.status === 'met'),
          ),
        ),
      what: 'the acknowledge clocks met',
    });
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  it('lists open referrals by default, and other statuses when asked', async () => {
    const open = await list('inbox', 'cp-drammen-bolig-1');
    expect(idsOf(open).sort()).toEqual([id.early, id.later, id.late, id.dis].sort());
    expect(ours(open).every((i) => ['delivered', 'acknowledged'].includes(i.status))).toBe(true);
    expect(idsOf(await list('inbox', 'cp-drammen-bolig-1', '?status=withdrawn'))).toEqual([id.gone]);
    expect(idsOf(await list('inbox', 'cp-drammen-bolig-1', '?status=suspended'))).toEqual([id.quiet]);
    expect(idsOf(await list('inbox', 'cp-drammen-bolig-1', '?status=withdrawn,suspended')).sort()).toEqual(
      [id.gone, id.quiet].sort(),
    );
    expect(ours(await list('inbox', 'cp-drammen-bolig-1', '?status=all&pageSize=200'))).toHaveLength(6);
  });

  it('refuses a bad status, an unknown parameter and a far-off date, naming the field', async () => {
    const bad = async (query: string, field: string) => {
      const res = await api()
        .get(`/api/v1/referrals/inbox${query}`)
        .set(auth('cp-drammen-bolig-1'))
        .expect(400);
      expect(JSON.stringify(res.body)).toContain(`"field":"${field}"`);
    };
    await bad('?status=open,closed', 'status');
    await bad('?sort=name', 'sort');
    await bad('?holder=someone', 'holder');
    await bad('?dueBefore=2999-01-01', 'dueBefore');
    await bad('?pageSize=1000', 'pageSize');
    await bad('?page=0', 'page');
    await bad('?overdue=yes', 'overdue');
  });

  it('filters by type and by holder', async () => {
    expect(idsOf(await list('inbox', 'cp-drammen-bolig-1', '?type=discharge-notice'))).toEqual([id.dis]);
    expect(idsOf(await list('inbox', 'cp-drammen-bolig-1', '?type=release-notice')).sort()).toEqual(
      [id.early, id.later, id.late].sort(),
    );
    // bolig-1 holds them; bolig-2, of the same unit, holds none, but sees the unit's.
    expect(idsOf(await list('inbox', 'cp-drammen-bolig-1', '?holder=me'))).toHaveLength(4);
    expect(idsOf(await list('inbox', 'cp-drammen-bolig-2', '?holder=me'))).toEqual([]);
    const unit = await list('inbox', 'cp-drammen-bolig-2', '?holder=unit&unit=drammen-boligtjenesten');
    expect(idsOf(unit)).toHaveLength(4);
    expect(ours(unit).every((i) => i.holder?.heldByMe === false)).toBe(true);
    expect(idsOf(await list('inbox', 'cp-drammen-bolig-1', '?unit=nav-drammen-sosial'))).toEqual([]);
  });

  it('sorts by the next due deadline of any kind, and pages', async () => {
    const sorted = ours(await list('inbox', 'cp-drammen-bolig-1', '?type=release-notice'));
    expect(sorted.map((i) => i.id)).toEqual([id.early, id.later, id.late]);
    for (const i of sorted) {
      const running = i.deadlines.filter((c) => c.status === 'open').map((c) => c.dueAt);
      expect(i.nextDueAt).toBe(running.sort()[0]);
    }
    const all = await list('inbox', 'cp-drammen-bolig-1', '?type=release-notice,discharge-notice');
    const first = await list(
      'inbox',
      'cp-drammen-bolig-1',
      '?type=release-notice,discharge-notice&pageSize=2',
    );
    const second = await list(
      'inbox',
      'cp-drammen-bolig-1',
      '?type=release-notice,discharge-notice&pageSize=2&page=2',
    );
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: all.total });
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(
      all.items.slice(0, 4).map((i) => i.id),
    );
    expect(first.items.map((i) => i.nextDueAt)).toEqual(all.items.slice(0, 2).map((i) => i.nextDueAt));
    const past = await list('inbox', 'cp-drammen-bolig-1', `?page=${all.total + 1}&pageSize=1`);
    expect(past).toMatchObject({ items: [], total: all.total });
  });

  it('lists what is due before a date', async () => {
    const early = ours(await list('inbox', 'cp-drammen-bolig-1')).find((i) => i.id === id.early)!;
    const bound = addCalendarDays(osloDate(new Date(early.nextDueAt!)), 1);
    const due = await list('inbox', 'cp-drammen-bolig-1', `?dueBefore=${bound}`);
    expect(idsOf(due)).toContain(id.early);
    expect(idsOf(due)).not.toContain(id.late);
    expect(due.items.every((i) => i.nextDueAt !== null && osloDate(new Date(i.nextDueAt)) < bound)).toBe(
      true,
    );
  });

  it('lists a caseworker’s own overdue and at-risk referrals, by the projected clocks', async () => {
    const rows = ours(await list('inbox', 'cp-drammen-bolig-1'));
    const housing = (k: string) =>
      rows.find((i) => i.id === id[k])!.deadlines.find((c) => c.status === 'open')!.clockId;
    // As the deadline service would report them: late's clock past due, later's warned of.
    await db.query(
      `UPDATE referral.referral_clock SET due_at = now() - interval '1 hour' WHERE clock_id = $1`,
      [housing('late')],
    );
    await db.query(
      `INSERT INTO referral.referral_history (referral_id, at, actor, action, facts)
       VALUES ($1, now(), 'deadline-service', 'deadline-warning', $2)`,
      [id.later, { clockId: housing('later'), kind: 'housing-outcome', rungId: 'warn-holder' }],
    );
    const overdue = await list('inbox', 'cp-drammen-bolig-1', '?holder=me&overdue=true');
    expect(idsOf(overdue)).toEqual([id.late]);
    expect(ours(overdue)[0]).toMatchObject({ overdue: true, atRisk: false });
    const atRisk = await list('inbox', 'cp-drammen-bolig-1', '?atRisk=true');
    expect(idsOf(atRisk)).toEqual([id.later]);
    expect(ours(atRisk)[0]).toMatchObject({ overdue: false, atRisk: true });
    // The overdue one now comes first: its clock is the soonest.
    expect(idsOf(await list('inbox', 'cp-drammen-bolig-1', '?type=release-notice'))).toEqual([
      id.late,
      id.early,
      id.later,
    ]);
    // The sender sees the same clocks on what it sent.
    expect(idsOf(await list('sent', 'consultant-drammen-fengsel', '?overdue=true'))).toEqual([id.late]);
  });

  it('shows the name and birth year to the holder, logs every row shown, and withholds them once consent is withdrawn', async () => {
    const before = await db.query(`SELECT now() AS at`);
    const page = await list('inbox', 'cp-drammen-bolig-1', '?status=open,suspended');
    const early = ours(page).find((i) => i.id === id.early)!;
    expect(early.person).toEqual({ name: names.early, birthYear: birthYear(nationalIds.early) });
    expect(early.personalDataWithheld).toBeNull();
    const quiet = ours(page).find((i) => i.id === id.quiet)!;
    expect(quiet.person).toBeNull();
    expect(quiet.personalDataWithheld).toMatchObject({ code: 'REFERRAL.CONSENT_WITHDRAWN' });
    const logged = await db.query(
      `SELECT referral_id FROM referral.access_log
       WHERE user_id = 'cp-drammen-bolig-1' AND action = 'list-inbox' AND at >= $1`,
      [before.rows[0].at],
    );
    expect(logged.rows.map((r) => r.referral_id).sort()).toEqual(page.items.map((i) => i.id).sort());
    // The sender holds the consent: it still reads the name.
    const sent = await list('sent', 'consultant-drammen-fengsel', '?status=suspended');
    expect(ours(sent).find((i) => i.id === id.quiet)!.person).toEqual({
      name: names.quiet,
      birthYear: birthYear(nationalIds.quiet),
    });
  });

  it('lists for a prison consultant what its own unit sent, and nobody else’s', async () => {
    const drammen = await list('sent', 'consultant-drammen-fengsel', '?status=all&pageSize=200');
    expect(idsOf(drammen).sort()).toEqual([id.early, id.late, id.gone, id.quiet].sort());
    expect(idsOf(await list('sent', 'consultant-drammen-fengsel'))).not.toContain(id.gone);
    const ringerike = await api()
      .get('/api/v1/referrals/sent?status=all&pageSize=200')
      .set(auth('consultant-ringerike-fengsel'))
      .expect(200);
    expect(idsOf(ringerike.body)).toEqual([id.later]);
    expect(ringerike.text).not.toContain(names.early);
    expect(idsOf(await list('sent', 'cp-drammen-bolig-1', '?status=all&pageSize=200'))).toEqual([]);
    expect(idsOf(await list('sent', 'staff-vestre-viken-dps-drammen', '?type=discharge-notice'))).toEqual([
      id.dis,
    ]);
  });

  it('offers in nextSteps only the steps the caller may take: NAV is not offered a housing outcome', async () => {
    const nav = await api().get(`/api/v1/referrals/${id.early}`).set(auth('cp-nav-drammen-1')).expect(200);
    expect(nav.body.nextSteps).not.toContain('report-housing-outcome');
    expect(nav.body.nextSteps).toContain('reject');
    const housing = await api()
      .get(`/api/v1/referrals/${id.early}`)
      .set(auth('cp-drammen-bolig-1'))
      .expect(200);
    expect(housing.body.nextSteps).toEqual(expect.arrayContaining(['reject', 'report-housing-outcome']));
    await api()
      .post(`/api/v1/referrals/${id.early}/housing-outcome`)
      .set(auth('cp-nav-drammen-1'))
      .send({ outcome: 'application-received' })
      .expect(403);
    const sender = await api()
      .get(`/api/v1/referrals/${id.early}`)
      .set(auth('consultant-drammen-fengsel'))
      .expect(200);
    expect(sender.body.nextSteps).toEqual(['withdraw', 'cancel', 'change-release-date', 'mark-released']);
  });
});
