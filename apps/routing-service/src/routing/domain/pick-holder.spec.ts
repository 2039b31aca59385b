import { ContactPerson } from '../../directory/domain/directory';
import { pickHolder } from './pick-holder';

const contacts: ContactPerson[] = [
  { id: 'p', unitId: 'drammen-bolig', role: 'primary', referralTypes: ['release-notice'], active: true },
  { id: 'b', unitId: 'drammen-bolig', role: 'backup', referralTypes: ['release-notice'], active: true },
];

describe('pickHolder', () => {
  const today = '2026-11-23';

  it('gives it to the primary when present', () => {
    expect(pickHolder('drammen-bolig', 'release-notice', contacts, [], today)).toMatchObject({
      contactPersonId: 'p',
      assignment: 'primary',
      reasonCode: 'ROUTING.PRIMARY_AVAILABLE',
    });
  });

  it('gives it to the backup when the primary is absent today, and says why', () => {
    const h = pickHolder(
      'drammen-bolig',
      'release-notice',
      contacts,
      [{ contactPersonId: 'p', from: '2026-11-20', to: '2026-11-23' }],
      today,
    );
    expect(h).toMatchObject({
      contactPersonId: 'b',
      assignment: 'backup',
      reasonCode: 'ROUTING.PRIMARY_ABSENT',
    });
    expect(h.reason).toContain('absent until 2026-11-23');
  });

  it('ignores absences that have ended or not begun', () => {
    const absences = [
      { contactPersonId: 'p', from: '2026-11-01', to: '2026-11-22' },
      { contactPersonId: 'p', from: '2026-11-24', to: '2026-11-30' },
    ];
    expect(pickHolder('drammen-bolig', 'release-notice', contacts, absences, today).assignment).toBe(
      'primary',
    );
  });

  it('puts it in the unit queue when both are away', () => {
    const absences = [
      { contactPersonId: 'p', from: '2026-11-01', to: '2026-12-01' },
      { contactPersonId: 'b', from: '2026-11-23', to: '2026-11-23' },
    ];
    expect(pickHolder('drammen-bolig', 'release-notice', contacts, absences, today)).toMatchObject({
      contactPersonId: null,
      assignment: 'unit-queue',
      reasonCode: 'ROUTING.NO_CONTACT_AVAILABLE',
    });
  });

  it('skips contacts who do not take the type or have left', () => {
    const others: ContactPerson[] = [
      { ...contacts[0], referralTypes: ['benefit-deduction'] },
      { ...contacts[1], active: false },
    ];
    expect(pickHolder('drammen-bolig', 'release-notice', others, [], today).assignment).toBe('unit-queue');
  });

  it('in team mode gives it to the present member with the fewest open referrals', () => {
    const h = pickHolder('drammen-bolig', 'release-notice', contacts, [], today, {
      mode: 'team',
      openLoad: { p: 3, b: 1 },
    });
    expect(h).toMatchObject({
      contactPersonId: 'b',
      assignment: 'team',
      reasonCode: 'ROUTING.TEAM_FEWEST_OPEN',
    });
    const away = pickHolder(
      'drammen-bolig',
      'release-notice',
      contacts,
      [{ contactPersonId: 'b', from: today, to: today }],
      today,
      {
        mode: 'team',
        openLoad: { p: 3, b: 1 },
      },
    );
    expect(away.contactPersonId).toBe('p');
  });

  it('moves it away from a holder being relieved, and explains every candidate', () => {
    const h = pickHolder('drammen-bolig', 'release-notice', contacts, [], today, {
      exclude: ['p'],
      openLoad: { p: 2 },
    });
    expect(h.contactPersonId).toBe('b');
    expect(h.candidates).toEqual([
      { contactPersonId: 'p', role: 'primary', absentUntil: null, openReferrals: 2 },
      { contactPersonId: 'b', role: 'backup', absentUntil: null, openReferrals: 0 },
    ]);
  });

  it('tells a unit with nobody configured apart from one whose people are away', () => {
    expect(pickHolder('other-unit', 'release-notice', contacts, [], today).reasonCode).toBe(
      'ROUTING.NO_CONTACTS_CONFIGURED',
    );
  });
});

describe('pickHolder, when someone is missing', () => {
  const today = '2026-11-23';
  const backupOnly = contacts.filter((c) => c.role === 'backup');

  it('gives it to the backup when the unit has no primary for the type, and says so', () => {
    const h = pickHolder('drammen-bolig', 'release-notice', backupOnly, [], today);
    expect(h).toMatchObject({ contactPersonId: 'b', assignment: 'backup', reasonCode: 'ROUTING.NO_PRIMARY' });
    expect(h.reason).toContain('none is configured');
  });

  it('puts it in the queue when the only other contact is the one being relieved', () => {
    const h = pickHolder('drammen-bolig', 'release-notice', backupOnly, [], today, { exclude: ['b'] });
    expect(h).toMatchObject({ contactPersonId: null, reasonCode: 'ROUTING.NO_CONTACT_AVAILABLE' });
    expect(h.reason).toContain('b is being relieved');
  });

  it('in team mode puts it in the queue when every member is away, and breaks ties by id', () => {
    const allAway = [
      { contactPersonId: 'p', from: today, to: today },
      { contactPersonId: 'b', from: today, to: today },
    ];
    expect(
      pickHolder('drammen-bolig', 'release-notice', contacts, allAway, today, { mode: 'team' }).assignment,
    ).toBe('unit-queue');
    expect(
      pickHolder('drammen-bolig', 'release-notice', contacts, [], today, { mode: 'team' }).contactPersonId,
    ).toBe('b');
  });
});
