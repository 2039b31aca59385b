import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One day's retention run: the first replica to claim the day runs it, the others skip it. */
@Entity({ name: 'retention_run' })
export class RetentionRunOrmEntity {
  /** The Oslo date of the database's clock when the run was claimed. */
  @PrimaryColumn('date')
  day!: string;

  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @Column('int', { name: 'referrals_erased', nullable: true })
  referralsErased!: number | null;

  @Column('int', { name: 'consents_erased', nullable: true })
  consentsErased!: number | null;

  @Column('int', { name: 'access_log_deleted', nullable: true })
  accessLogDeleted!: number | null;
}
