import { gapSummary, isNewParking, pendingParts, RoutingPart, statusAfter } from './routing-parts';

const part = (over: Partial<RoutingPart>): RoutingPart => ({
  referralId: 'r',
  unitKind: 'nav-social-services',
  status: 'parked',
  unitId: null,
  reasonCode: 'ROUTING.NO_NAV_OFFICE',
  reason: 'none',
  parkedAt: new Date('2026-12-01T09:00:00Z'),
  routedAt: null,
  ...over,
});

describe('routing parts', () => {
  it('routes again only the parts not routed yet', () => {
    const kinds = ['housing-service', 'nav-social-services'] as const;
    expect(pendingParts(kinds, [])).toEqual(kinds);
    expect(
      pendingParts(kinds, [part({ unitKind: 'housing-service', status: 'routed', unitId: 'u' }), part({})]),
    ).toEqual(['nav-social-services']);
  });

  it('is routed with nothing parked, partly routed with something routed, else unroutable', () => {
    expect(statusAfter(0, 2)).toBe('routed');
    expect(statusAfter(1, 1)).toBe('partly-routed');
    expect(statusAfter(2, 0)).toBe('unroutable');
  });

  it('announces a newly parked part or a new reason, not the same gap found again', () => {
    const gap = { unitKind: 'nav-social-services' as const, code: 'ROUTING.NO_NAV_OFFICE', reason: 'x' };
    expect(isNewParking([], [gap])).toBe(true);
    expect(isNewParking([part({})], [gap])).toBe(false);
    expect(isNewParking([part({ reasonCode: 'ROUTING.NO_UNIT' })], [gap])).toBe(true);
  });

  it('sums the gaps up under the first code, each reason by its kind', () => {
    expect(
      gapSummary([
        { unitKind: 'housing-service', code: 'ROUTING.NO_UNIT', reason: 'No unit.' },
        { unitKind: 'nav-social-services', code: 'ROUTING.NO_NAV_OFFICE', reason: 'No office.' },
      ]),
    ).toEqual({
      reasonCode: 'ROUTING.NO_UNIT',
      reason: 'housing-service: No unit. nav-social-services: No office.',
    });
  });
});
