import {
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
} from 'class-validator';

/** The Kafka value of every message the hub publishes. The Kafka key equals `key`. */
export class EnvelopeV1<P = Record<string, unknown>> {
  /** Unique message id; consumers dedupe on it. */
  @IsUUID()
  id!: string;

  /** The message type, equal to its topic name, e.g. referral.submitted.v1. */
  @Matches(/^[a-z]+\.[a-z-]+\.v\d+$/)
  type!: string;

  /** When the fact happened (ISO 8601, UTC). */
  @IsISO8601({ strict: true })
  occurredAt!: string;

  /** The service that published it. */
  @IsString()
  @IsNotEmpty()
  producer!: string;

  /** Id shared by every message and log line of one user action. */
  @IsString()
  @IsNotEmpty()
  correlationId!: string;

  /** Id of the message that caused this one, if any. */
  @IsOptional()
  @IsString()
  causationId?: string | null;

  /** Partition key: the referral id (or consent id) so one case's events stay in order. */
  @IsString()
  @IsNotEmpty()
  key!: string;

  /**
   * Position among the producer's messages with the same key: 1, 2, 3 … in commit order. A
   * consumer ignores a message older than what it applied; absent from producers before it existed.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  sequence?: number;

  /** The message body, validated against the contract class of `type`. */
  @IsObject()
  payload!: P;
}
