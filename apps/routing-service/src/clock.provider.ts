import { systemClock } from '@overgang/core';

/** The service's time source; tests that need another hour inject a FixedClock here. */
export const CLOCK = Symbol('CLOCK');
export const clockProvider = { provide: CLOCK, useValue: systemClock };
