import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One Idempotency-Key a caller used on one endpoint. Inserted in the transaction of the effect it
 * guards, so a key is recorded exactly when its effect committed; each service has its own table.
 */
@Entity({ name: 'idempotency_key' })
@Index('idempotency_key_created_at', ['createdAt'])
export class IdempotencyKeyOrmEntity {
  /** Organisation number and token subject of the caller. */
  @PrimaryColumn('text')
  caller!: string;

  @PrimaryColumn('text')
  method!: string;

  /** The request path, without its query. */
  @PrimaryColumn('text')
  path!: string;

  @PrimaryColumn('text')
  key!: string;

  /** SHA-256 (hex) of the canonical query, body and files. */
  @Column('text', { name: 'request_hash' })
  requestHash!: string;

  /** The first answer's status; null while the first request has not answered yet. */
  @Column('int', { name: 'status_code', nullable: true })
  statusCode!: number | null;

  @Column('jsonb', { name: 'response_body', nullable: true })
  responseBody!: unknown;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
