import { eventOrder, isNewer } from './event-order';

const at = (iso: string) => new Date(iso);

describe('event order', () => {
  it('lets sequences decide when both sides have one, whatever the clocks said', () => {
    const stored = { sequence: '5', at: at('2026-12-01T12:00:00Z') };
    expect(isNewer({ sequence: 6, at: at('2026-11-01T00:00:00Z') }, stored)).toBe(true);
    expect(isNewer({ sequence: 4, at: at('2027-01-01T00:00:00Z') }, stored)).toBe(false);
    expect(isNewer({ sequence: 5, at: at('2026-12-01T12:00:00Z') }, stored)).toBe(false);
  });

  it('falls back to the facts’ times when either side has no sequence, a tie applying', () => {
    const stored = { sequence: null, at: at('2026-12-01T12:00:00Z') };
    expect(isNewer({ sequence: 3, at: at('2026-12-01T11:59:59Z') }, stored)).toBe(false);
    expect(isNewer({ sequence: null, at: at('2026-12-01T12:00:00Z') }, stored)).toBe(true);
    expect(isNewer({ sequence: null, at: at('2026-11-30T00:00:00Z') }, { sequence: 9, at: stored.at })).toBe(
      false,
    );
  });

  it('applies anything to a row that applied nothing yet', () => {
    expect(isNewer({ sequence: 1, at: new Date() }, null)).toBe(true);
    expect(isNewer({ sequence: null, at: new Date() }, { sequence: null, at: null })).toBe(true);
  });

  it('reads the order from the envelope, the fact’s own time first', () => {
    const envelope = { sequence: 4, occurredAt: '2026-12-01T12:00:00.000Z' };
    expect(eventOrder(envelope)).toEqual({ sequence: 4, at: at('2026-12-01T12:00:00Z') });
    expect(eventOrder({ occurredAt: envelope.occurredAt }, '2026-11-30T08:00:00.000Z')).toEqual({
      sequence: null,
      at: at('2026-11-30T08:00:00Z'),
    });
  });
});
