import { RungFiredV1 } from './deadline-rung-fired';

export const DEADLINE_WARNING_ISSUED_V1 = 'deadline.warning-issued.v1';

/** A deadline is close: the holder, or both contact persons, are warned. */
export class DeadlineWarningIssuedV1 extends RungFiredV1 {}
