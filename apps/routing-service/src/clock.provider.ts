import { Clock, systemClock } from '@overgang/core';

export const CLOCK = Symbol('CLOCK');
export const clockProvider = { provide: CLOCK, useValue: systemClock as Clock };
