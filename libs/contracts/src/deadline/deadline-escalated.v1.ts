import { RungFiredV1 } from './deadline-rung-fired';

export const DEADLINE_ESCALATED_V1 = 'deadline.escalated.v1';

/** Still open some days after the breach: the organisation's coordinator is told. */
export class DeadlineEscalatedV1 extends RungFiredV1 {}
