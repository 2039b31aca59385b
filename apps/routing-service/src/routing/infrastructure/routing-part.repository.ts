import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitKind } from '@overgang/contracts';
import { RoutingCase } from '../domain/routing-case';
import { ParkedGap, RoutingPart } from '../domain/routing-parts';
import { RoutingCaseOrmEntity, RoutingPartOrmEntity } from './assignment.orm-entity';

/** A parked part with the case it belongs to, for the hub's queue. */
export interface ParkedPart {
  part: RoutingPart;
  routingCase: RoutingCase;
  /** Whether another part of the referral reached its unit already. */
  partial: boolean;
}

/** Each referral's parts, routed or parked; always on the caller's manager. */
@Injectable()
export class RoutingPartRepository {
  async partsOf(manager: EntityManager, referralId: string): Promise<RoutingPart[]> {
    // The columns hold only values routing wrote itself.
    return (await manager.find(RoutingPartOrmEntity, {
      where: { referralId },
      order: { unitKind: 'ASC' },
    })) as RoutingPart[];
  }

  /** Parks a part, or gives a parked one its new reason; its first parking time stays. Never un-routes. */
  async park(manager: EntityManager, referralId: string, gap: ParkedGap, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO routing_part (referral_id, unit_kind, status, reason_code, reason, parked_at)
       VALUES ($1, $2, 'parked', $3, $4, $5)
       ON CONFLICT (referral_id, unit_kind) DO UPDATE SET reason_code = EXCLUDED.reason_code,
         reason = EXCLUDED.reason, parked_at = COALESCE(routing_part.parked_at, EXCLUDED.parked_at)
       WHERE routing_part.status = 'parked'`,
      [referralId, gap.unitKind, gap.code, gap.reason, now],
    );
  }

  /** The part reached its unit; when it was parked, and why, stays for the record. */
  async routed(
    manager: EntityManager,
    referralId: string,
    unitKind: UnitKind,
    unitId: string,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO routing_part (referral_id, unit_kind, status, unit_id, routed_at)
       VALUES ($1, $2, 'routed', $3, $4)
       ON CONFLICT (referral_id, unit_kind) DO UPDATE SET status = 'routed', unit_id = EXCLUDED.unit_id,
         routed_at = EXCLUDED.routed_at
       WHERE routing_part.status = 'parked'`,
      [referralId, unitKind, unitId, now],
    );
  }

  /** Every parked part of a referral still open, with its case. */
  async parked(manager: EntityManager): Promise<ParkedPart[]> {
    const parts = (await manager
      .createQueryBuilder(RoutingPartOrmEntity, 'p')
      .innerJoin(RoutingCaseOrmEntity, 'c', 'c.referral_id = p.referral_id')
      .where(`p.status = 'parked'`)
      .andWhere(`c.status <> 'closed'`)
      .orderBy('p.parked_at', 'ASC')
      .getMany()) as RoutingPart[];
    if (parts.length === 0) return [];
    const ids = [...new Set(parts.map((p) => p.referralId))];
    const cases = (await manager
      .createQueryBuilder(RoutingCaseOrmEntity, 'c')
      .where('c.referral_id = ANY(:ids)', { ids })
      .getMany()) as RoutingCase[];
    const byId = new Map(cases.map((c) => [c.referralId, c]));
    return parts.map((part) => {
      const routingCase = byId.get(part.referralId) as RoutingCase;
      return { part, routingCase, partial: routingCase.status === 'partly-routed' };
    });
  }
}
