import { IsISO8601, IsUUID, Matches } from 'class-validator';
import { DATE_ONLY } from '../common';

export const CONSENT_EXPIRED_V1 = 'consent.expired.v1';

/** A consent's last valid day has passed. */
export class ConsentExpiredV1 {
  /** The consent's id (also the Kafka key). */
  @IsUUID()
  consentId!: string;

  /** Its last valid day. */
  @Matches(DATE_ONLY)
  validTo!: string;

  /** When the expiry was detected. */
  @IsISO8601({ strict: true })
  expiredAt!: string;
}
