import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One notice's housing situation at notice, kept only to move its count when the release or
 * discharge date moves to another month. A code, no person; deleted when the referral is erased.
 */
@Entity({ name: 'housing_situation_fact' })
export class HousingSituationFactOrmEntity {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('text', { name: 'referral_type' })
  referralType!: string;

  @Column('text', { name: 'municipality_number' })
  municipalityNumber!: string;

  /** YYYY-MM of the expected release or planned discharge date; null while there is no date. */
  @Column('text', { nullable: true })
  month!: string | null;

  /** The intake's housing situation code (e.g. no-home, at-risk). */
  @Column('text')
  situation!: string;
}

/** How many notices of a type, municipality and month had a housing situation: the only figure that leaves. */
@Entity({ name: 'housing_situation_count' })
export class HousingSituationCountOrmEntity {
  @PrimaryColumn('text', { name: 'referral_type' })
  referralType!: string;

  @PrimaryColumn('text', { name: 'municipality_number' })
  municipalityNumber!: string;

  @PrimaryColumn('text')
  month!: string;

  @PrimaryColumn('text')
  situation!: string;

  @Column('integer')
  count!: number;

  /** 1, 2, 3 … per change of the count, so a reader keeps the newest and ignores an older one. */
  @Column('bigint')
  sequence!: string;
}
