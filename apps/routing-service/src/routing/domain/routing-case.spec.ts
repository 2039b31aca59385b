import { isNewGap } from './routing-case';

describe('isNewGap', () => {
  it('announces a first gap, and a different one after a retry', () => {
    expect(isNewGap(null, 'ROUTING.NO_UNIT')).toBe(true);
    expect(isNewGap({ status: 'routing', reasonCode: null }, 'ROUTING.NO_UNIT')).toBe(true);
    expect(isNewGap({ status: 'unroutable', reasonCode: 'ROUTING.NO_NAV_OFFICE' }, 'ROUTING.NO_UNIT')).toBe(
      true,
    );
  });

  it('stays quiet when a retry finds the same gap still open', () => {
    expect(isNewGap({ status: 'unroutable', reasonCode: 'ROUTING.NO_UNIT' }, 'ROUTING.NO_UNIT')).toBe(false);
  });
});
