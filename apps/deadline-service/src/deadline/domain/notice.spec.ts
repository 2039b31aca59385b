import { changeAnchor } from './anchor-change';
import { computeDue } from './due-date';
import { isMetLate, noticeFromAfterMove, noticeOf } from './notice';
import { POLICY_CATALOGUE, policyById } from './policy-catalogue';
import { rungFireTimes, rungsDue } from './warning-ladder';

const housingOutcome = policyById('release-notice.housing-outcome');
// Monday 2 March 2026, 10:00 in Oslo.
const monday = new Date('2026-03-02T09:00:00Z');

describe('fair deadlines', () => {
  it('marks a release notice sent two days before release short-notice, and gives the minimum response', () => {
    const notice = noticeOf(housingOutcome, monday, '2026-03-04');
    expect(notice).toEqual({ noticeGivenDays: 1, leadTimeDays: 15, shortNotice: true });

    const due = computeDue(housingOutcome, {
      startedAt: monday,
      anchorDate: '2026-03-04',
      pauses: [],
      respondFrom: monday,
    });
    // Ten working days before Wednesday 4 March is 18 February, before the notice even came: the
    // housing service gets three working days from Monday instead, to the end of Thursday 5 March.
    expect(due.dueAt?.toISOString()).toBe('2026-03-05T22:59:59.999Z');
    expect(due.explanation.minimumResponse).toEqual({
      from: monday.toISOString(),
      days: 3,
      countedDueDate: '2026-02-18',
      dueDate: '2026-03-05',
    });
    expect(due.explanation.counting).toMatchObject({ method: 'working-days-before-anchor', days: 10 });
  });

  it('leaves a notice given in time alone: not short, counted back from the date as before', () => {
    expect(noticeOf(housingOutcome, monday, '2026-03-24')).toEqual({
      noticeGivenDays: 15,
      leadTimeDays: 15,
      shortNotice: false,
    });
    expect(noticeOf(housingOutcome, monday, '2026-03-23').shortNotice).toBe(true);
    const due = computeDue(housingOutcome, {
      startedAt: monday,
      anchorDate: '2026-03-24',
      pauses: [],
      respondFrom: monday,
    });
    expect(due.explanation.dueDate).toBe('2026-03-10');
    expect(due.explanation.minimumResponse).toBeUndefined();
  });

  it('knows no notice for clocks counted from their start', () => {
    expect(noticeOf(policyById('assessment-request.answer'), monday, null)).toEqual({
      noticeGivenDays: null,
      leadTimeDays: null,
      shortNotice: false,
    });
  });

  it('never lets a release brought forward to tomorrow breach the clock before the warnings fire', () => {
    const movedAt = new Date('2026-03-10T10:00:00Z'); // Tuesday 10 March
    const { due, change } = changeAnchor(housingOutcome, {
      startedAt: monday,
      pauses: [],
      anchorFrom: '2026-05-29',
      anchorTo: '2026-03-11',
      reason: 'brought-forward',
      movedAt,
    });
    // Counting back gives 25 February, before the move; three working days from the move: Friday 13 March.
    expect(change.to?.toISOString()).toBe('2026-03-13T22:59:59.999Z');
    expect(due.dueAt!.getTime()).toBeGreaterThan(movedAt.getTime());
    const times = rungFireTimes(housingOutcome.ladder, due.dueAt!);
    const breach = times.find((t) => t.rung.event === 'deadline.breached.v1')!;
    const warnings = times.filter((t) => t.rung.event === 'deadline.warning-issued.v1');
    expect(warnings.length).toBe(2);
    for (const w of warnings) expect(w.fireAt.getTime()).toBeLessThan(breach.fireAt.getTime());
    // Right after the move only the first warning is due, never the breach.
    expect(
      rungsDue(housingOutcome.ladder, due.dueAt!, new Date(movedAt.getTime() + 1000), new Set()),
    ).toEqual([housingOutcome.ladder[0]]);
  });

  it('counts the notice of a date brought forward from the move, and of a date put off from the first notice', () => {
    const current = { noticeFrom: monday, anchorDate: '2026-05-29' };
    const at = new Date('2026-03-10T10:00:00Z');
    expect(noticeFromAfterMove(current, { anchorTo: '2026-04-17', at })).toBe(at);
    expect(noticeFromAfterMove(current, { anchorTo: '2026-06-05', at })).toBe(monday);
    expect(noticeFromAfterMove({ noticeFrom: null, anchorDate: null }, { anchorTo: '2026-06-05', at })).toBe(
      at,
    );
  });

  it('calls an answer after the due time late, even a millisecond after', () => {
    const dueAt = new Date('2026-03-05T22:59:59.999Z');
    expect(isMetLate(dueAt, new Date('2026-03-05T22:59:59.999Z'))).toBe(false);
    expect(isMetLate(dueAt, new Date('2026-03-05T23:00:00.000Z'))).toBe(true);
  });

  it.each(POLICY_CATALOGUE.policies.filter((p) => p.length.unit === 'working-days-before-anchor'))(
    '$id: a notice of the full lead time never needs the minimum response',
    (policy) => {
      const p = { ...policy, catalogueVersion: POLICY_CATALOGUE.version };
      expect(p.leadTimeDays).not.toBeNull();
      // One lead time of working days after Monday 2 March, plus the date itself.
      let anchor = '2026-03-02';
      while (noticeOf(p, monday, anchor).noticeGivenDays! < p.leadTimeDays!)
        anchor = new Date(Date.parse(`${anchor}T12:00:00Z`) + 86400_000).toISOString().slice(0, 10);
      const due = computeDue(p, { startedAt: monday, anchorDate: anchor, pauses: [], respondFrom: monday });
      expect(noticeOf(p, monday, anchor).shortNotice).toBe(false);
      expect(due.explanation.minimumResponse).toBeUndefined();
    },
  );
});
