import { changeAnchor } from './anchor-change';
import { policyById } from './policy-catalogue';

const housingOutcome = policyById('release-notice.housing-outcome');
const startedAt = new Date('2026-03-02T09:00:00Z');

describe('changeAnchor', () => {
  it('pulls the housing outcome earlier when the release is brought forward', () => {
    // Release moves from Friday 29 May to Friday 17 April 2026. Counting back from 29 May skips Whit Monday,
    // 17 May and Ascension Day: 13 May. From 17 April it skips Easter: 31 March.
    const { due, change } = changeAnchor(housingOutcome, {
      startedAt,
      pauses: [],
      anchorFrom: '2026-05-29',
      anchorTo: '2026-04-17',
      reason: 'brought-forward',
    });
    expect(change).toEqual({
      from: new Date('2026-05-13T21:59:59.999Z'),
      to: new Date('2026-03-31T21:59:59.999Z'),
      reason: 'brought-forward',
      anchorFrom: '2026-05-29',
      anchorTo: '2026-04-17',
    });
    expect(due.explanation.counting).toMatchObject({ anchorDate: '2026-04-17' });
  });

  it('moves the due day later when the discharge date is postponed, across the end of summer time', () => {
    const { change } = changeAnchor(policyById('discharge-notice.housing-plan'), {
      startedAt,
      pauses: [],
      anchorFrom: '2026-10-16',
      anchorTo: '2026-11-06',
      reason: 'postponed',
    });
    // 5 working days before Friday 16 October and Friday 6 November.
    expect(change.from?.toISOString()).toBe('2026-10-09T21:59:59.999Z');
    expect(change.to?.toISOString()).toBe('2026-10-30T22:59:59.999Z');
  });

  it('has no earlier due time when the date is set for the first time', () => {
    const { change } = changeAnchor(policyById('discharge-notice.housing-plan'), {
      startedAt,
      pauses: [],
      anchorFrom: null,
      anchorTo: '2026-04-17',
      reason: 'set',
    });
    expect(change.from).toBeNull();
    expect(change.to?.toISOString()).toBe('2026-04-10T21:59:59.999Z');
  });

  it('refuses a clock that is not anchored to a date', () => {
    expect(() =>
      changeAnchor(policyById('assessment-request.answer'), {
        startedAt,
        pauses: [],
        anchorFrom: '2026-05-29',
        anchorTo: '2026-04-17',
        reason: 'corrected',
      }),
    ).toThrow(expect.objectContaining({ code: 'DEADLINE.NOT_ANCHORED', kind: 'conflict' }));
  });
});
