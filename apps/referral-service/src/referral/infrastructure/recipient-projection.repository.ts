import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReferralReassignedV1 } from '@overgang/contracts';
import { EventOrder, isNewerSql } from '@overgang/messaging';
import type { ReferralRecipientOrmEntity } from './referral.orm-entity';

export type RoutedRecipient = Pick<
  ReferralRecipientOrmEntity,
  | 'referralId'
  | 'unitId'
  | 'organisationNumber'
  | 'unitKind'
  | 'contactPersonId'
  | 'assignment'
  | 'reasonCode'
  | 'reason'
  | 'routedAt'
>;

export interface HolderMove {
  contactPersonId: string | null;
  assignment: string;
  reasonCode: string;
  reason: string;
}

/** Applied; ignored because the row holds something newer; or the referral has no such recipient yet. */
export type ReassignOutcome = 'applied' | 'stale' | 'missing';

export interface PendingReassignment {
  messageId: string;
  reassignment: ReferralReassignedV1;
  order: EventOrder;
}

const newerHolder = (p: number) =>
  isNewerSql(
    { sequence: 'referral_recipient.holder_sequence', at: 'referral_recipient.holder_at' },
    { sequence: `$${p}`, at: `$${p + 1}` },
  );
const newerCoHolder = (p: number) =>
  isNewerSql(
    { sequence: 'referral_recipient.co_holder_sequence', at: 'referral_recipient.co_holder_at' },
    { sequence: `$${p}`, at: `$${p + 1}` },
  );

/**
 * The routing service's decisions on referrals, each applied only when newer than what the row
 * applied last (per-referral sequence, else the decision's time): a replayed older routing or move
 * never puts a previous holder back. Always on the caller's manager.
 */
@Injectable()
export class RecipientProjectionRepository {
  /** Inserts the recipient, or sets its holder again unless a newer routing event set it. */
  async routed(manager: EntityManager, r: RoutedRecipient, order: EventOrder): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO referral_recipient (referral_id, unit_id, organisation_number, unit_kind, contact_person_id,
         assignment, reason_code, reason, routed_at, holder_sequence, holder_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (referral_id, unit_id) DO UPDATE SET
         contact_person_id = EXCLUDED.contact_person_id, assignment = EXCLUDED.assignment,
         reason_code = EXCLUDED.reason_code, reason = EXCLUDED.reason, routed_at = EXCLUDED.routed_at,
         holder_sequence = EXCLUDED.holder_sequence, holder_at = EXCLUDED.holder_at
       WHERE ${newerHolder(10)}
       RETURNING unit_id`,
      [
        r.referralId,
        r.unitId,
        r.organisationNumber,
        r.unitKind,
        r.contactPersonId,
        r.assignment,
        r.reasonCode,
        r.reason,
        r.routedAt,
        order.sequence,
        order.at,
      ],
    );
    return rows.length > 0;
  }

  /** The holder moved, unless a newer routing event set the holder. */
  async moveHolder(
    manager: EntityManager,
    referralId: string,
    unitId: string,
    move: HolderMove,
    order: EventOrder,
  ): Promise<ReassignOutcome> {
    // TypeORM answers an UPDATE or DELETE with [rows, count].
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE referral_recipient SET contact_person_id = $3, assignment = $4, reason_code = $5, reason = $6,
         holder_sequence = $7, holder_at = $8
       WHERE referral_id = $1 AND unit_id = $2 AND ${newerHolder(7)}
       RETURNING unit_id`,
      [
        referralId,
        unitId,
        move.contactPersonId,
        move.assignment,
        move.reasonCode,
        move.reason,
        order.sequence,
        order.at,
      ],
    );
    return rows.length > 0 ? 'applied' : this.staleOrMissing(manager, referralId, unitId);
  }

  /** A second holder was added, unless a newer routing event set the second holder. */
  async addCoHolder(
    manager: EntityManager,
    referralId: string,
    unitId: string,
    contactPersonId: string | null,
    order: EventOrder,
  ): Promise<ReassignOutcome> {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE referral_recipient SET co_holder_contact_person_id = $3, co_holder_sequence = $4, co_holder_at = $5
       WHERE referral_id = $1 AND unit_id = $2 AND ${newerCoHolder(4)}
       RETURNING unit_id`,
      [referralId, unitId, contactPersonId, order.sequence, order.at],
    );
    return rows.length > 0 ? 'applied' : this.staleOrMissing(manager, referralId, unitId);
  }

  /** Keeps a reassignment that arrived before its routing; a redelivery keeps the first copy. */
  async rememberReassignment(
    manager: EntityManager,
    messageId: string,
    e: ReferralReassignedV1,
    order: EventOrder,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO pending_reassignment (message_id, referral_id, reassignment, sequence, reassigned_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [messageId, e.referralId, JSON.stringify(e), order.sequence, order.at],
    );
  }

  /** Removes and returns the referral's waiting reassignments, oldest first. */
  async takePendingReassignments(manager: EntityManager, referralId: string): Promise<PendingReassignment[]> {
    const [rows]: [
      Array<{
        message_id: string;
        reassignment: ReferralReassignedV1;
        sequence: string | null;
        reassigned_at: Date;
      }>,
      number,
    ] = await manager.query(
      `DELETE FROM pending_reassignment WHERE referral_id = $1
       RETURNING message_id, reassignment, sequence, reassigned_at`,
      [referralId],
    );
    return rows
      .map((r) => ({
        messageId: r.message_id,
        reassignment: r.reassignment,
        order: { sequence: r.sequence === null ? null : Number(r.sequence), at: r.reassigned_at },
      }))
      .sort(
        (a, b) =>
          (a.order.sequence ?? 0) - (b.order.sequence ?? 0) || a.order.at.getTime() - b.order.at.getTime(),
      );
  }

  /**
   * Records a routing outcome on the referral (problem set by unroutable, cleared by routed) unless a
   * newer one was applied. False when the referral is unknown or the outcome older.
   */
  async routingOutcome(
    manager: EntityManager,
    referralId: string,
    problem: { code: string | null; text: string | null },
    order: EventOrder,
  ): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE referral SET routing_problem_code = $2, routing_problem = $3, routing_sequence = $4, routing_at = $5,
         version = version + 1
       WHERE id = $1 AND ${isNewerSql({ sequence: 'routing_sequence', at: 'routing_at' }, { sequence: '$4', at: '$5' })}
       RETURNING id`,
      [referralId, problem.code, problem.text, order.sequence, order.at],
    );
    return rows.length > 0;
  }

  private async staleOrMissing(
    manager: EntityManager,
    referralId: string,
    unitId: string,
  ): Promise<'stale' | 'missing'> {
    const found: unknown[] = await manager.query(
      `SELECT 1 FROM referral_recipient WHERE referral_id = $1 AND unit_id = $2`,
      [referralId, unitId],
    );
    return found.length > 0 ? 'stale' : 'missing';
  }
}
