import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Principal, Roles } from '@overgang/auth';
import { NotFoundError } from '@overgang/core';
import { RoutingEngine } from '../../application/routing-engine';
import { OrganisationOrmEntity } from '../../../directory/infrastructure/directory.orm-entity';
import { RoutingCaseOrmEntity } from '../../infrastructure/assignment.orm-entity';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('routing')
@ApiBearerAuth()
@Controller()
export class RoutingController {
  constructor(
    private readonly ds: DataSource,
    private readonly engine: RoutingEngine,
  ) {}

  /** The hub's administrators, and the coordinators of the organisation of type hub in the directory. */
  private async isHubCoordinator(p: Principal): Promise<boolean> {
    if (p.roles.includes('hub-admin')) return true;
    if (!p.roles.includes('coordinator')) return false;
    const org = await this.ds
      .getRepository(OrganisationOrmEntity)
      .findOneBy({ organisationNumber: p.organisationNumber });
    return org?.type === 'hub';
  }

  @Get('api/v1/referrals/:id/routing')
  @ApiOperation({
    summary:
      'Why the referral went where it did: rule, candidates, absences considered, time, and every move since.',
  })
  async explain(@Param('id', uuid) id: string, @CurrentUser() p: Principal) {
    const found = await this.engine.explain(this.ds.manager, id);
    const parties = found
      ? [found.routingCase.senderOrganisationNumber, ...found.assignments.map((a) => a.organisationNumber)]
      : [];
    if (!found || (!parties.includes(p.organisationNumber) && !(await this.isHubCoordinator(p)))) {
      throw new NotFoundError('ROUTING.NOT_FOUND', 'No referral with that id exists, or you may not see it.');
    }
    const c = found.routingCase;
    return {
      referralId: c.referralId,
      referralType: c.referralType,
      municipalityNumber: c.municipalityNumber,
      status: c.status,
      problem: c.reasonCode ? { code: c.reasonCode, reason: c.reason } : null,
      decisions: found.assignments.map((a) => ({
        unitId: a.unitId,
        organisationNumber: a.organisationNumber,
        holder: a.contactPersonId,
        coHolder: a.coHolderContactPersonId,
        assignment: a.assignment,
        rule: a.reasonCode,
        reason: a.reason,
        considered: a.explanation,
        decidedAt: a.decidedAt.toISOString(),
        closedAt: a.closedAt?.toISOString() ?? null,
      })),
      moves: found.moves.map((m) => ({
        unitId: m.unitId,
        from: m.fromContactPersonId,
        to: m.toContactPersonId,
        mode: m.mode,
        rule: m.reasonCode,
        reason: m.reason,
        at: m.at.toISOString(),
      })),
    };
  }

  @Get('api/v1/directory/unroutable')
  @Roles('coordinator', 'hub-admin')
  @ApiOperation({
    summary: 'Referrals the directory cannot route yet, with the exact reason (the hub’s coordinators).',
  })
  async unroutable(@CurrentUser() p: Principal) {
    if (!(await this.isHubCoordinator(p))) {
      throw new NotFoundError('ROUTING.NOT_FOUND', 'Only the hub’s coordinators see the unroutable queue.');
    }
    const rows = await this.ds
      .getRepository(RoutingCaseOrmEntity)
      .find({ where: { status: 'unroutable' }, order: { decidedAt: 'ASC' } });
    return {
      items: rows.map((c) => ({
        referralId: c.referralId,
        referralType: c.referralType,
        municipalityNumber: c.municipalityNumber,
        senderOrganisationNumber: c.senderOrganisationNumber,
        reasonCode: c.reasonCode,
        reason: c.reason,
        since: c.decidedAt.toISOString(),
      })),
    };
  }
}
