import { byUrgency, fixFor, parkedAge } from './parked-age';

describe('parked age', () => {
  it('is due one working day after parking and overdue the working day after that', () => {
    // Tuesday 1 December 2026, 10:00 in Oslo.
    const parked = new Date('2026-12-01T09:00:00Z');
    expect(parkedAge(parked, new Date('2026-12-01T15:00:00Z'))).toEqual({
      parkedOn: '2026-12-01',
      ageWorkingDays: 0,
      dueOn: '2026-12-02',
      overdue: false,
    });
    // 23:30 in Oslo on the due day: still on time.
    expect(parkedAge(parked, new Date('2026-12-02T22:30:00Z'))).toMatchObject({
      ageWorkingDays: 1,
      overdue: false,
    });
    expect(parkedAge(parked, new Date('2026-12-03T08:00:00Z'))).toMatchObject({
      ageWorkingDays: 2,
      overdue: true,
    });
  });

  it('skips the weekend and public holidays', () => {
    // Parked on Friday 18 December: due Monday 21st; Christmas Day and Boxing Day do not count.
    const friday = new Date('2026-12-18T12:00:00Z');
    expect(parkedAge(friday, new Date('2026-12-20T12:00:00Z'))).toMatchObject({
      ageWorkingDays: 0,
      dueOn: '2026-12-21',
      overdue: false,
    });
    expect(parkedAge(new Date('2026-12-24T12:00:00Z'), new Date('2026-12-27T12:00:00Z'))).toMatchObject({
      ageWorkingDays: 0,
      dueOn: '2026-12-28',
      overdue: false,
    });
  });

  it('names a fix for every reason routing parks a part with', () => {
    for (const code of [
      'ROUTING.UNKNOWN_MUNICIPALITY',
      'ROUTING.NO_NAV_OFFICE',
      'ROUTING.NO_UNIT',
      'ROUTING.NO_CONTACTS_CONFIGURED',
      'ROUTING.CONSENT_DOES_NOT_COVER',
    ]) {
      expect(fixFor(code).action).not.toBe('review-directory');
    }
    expect(fixFor('ROUTING.SOMETHING_NEW').action).toBe('review-directory');
  });

  it('puts the overdue first, then the soonest anchor date, then the oldest', () => {
    const at = (iso: string) => new Date(iso);
    const items = [
      { id: 'late-anchor', overdue: false, anchorDate: '2027-03-01', parkedAt: at('2026-12-01T08:00:00Z') },
      { id: 'no-anchor', overdue: false, anchorDate: null, parkedAt: at('2026-11-01T08:00:00Z') },
      { id: 'overdue', overdue: true, anchorDate: null, parkedAt: at('2026-12-01T08:00:00Z') },
      { id: 'soon', overdue: false, anchorDate: '2026-12-20', parkedAt: at('2026-12-01T09:00:00Z') },
      { id: 'soon-older', overdue: false, anchorDate: '2026-12-20', parkedAt: at('2026-12-01T07:00:00Z') },
    ];
    expect(items.sort(byUrgency).map((i) => i.id)).toEqual([
      'overdue',
      'soon-older',
      'soon',
      'late-anchor',
      'no-anchor',
    ]);
  });
});
