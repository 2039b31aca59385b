import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, CLOCK, DomainError, NotFoundError, osloDate } from '@overgang/core';
import { inTransaction } from '@overgang/persistence';
import { mayManage, notYourOrganisation } from '../../domain/directory-access';
import { DirectoryRepository } from '../../infrastructure/directory.repository';
import { DIRECTORY_CHANGE_LISTENER, DirectoryChangeListener } from '../directory-change.listener';
import { RegisterAbsenceCommand } from './register-absence.command';

/**
 * A coordinator registers an absence for a contact person of their own organisation. If it has
 * begun, their open referrals move to the backup at once, in the same transaction.
 */
@Injectable()
export class RegisterAbsenceHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly repository: DirectoryRepository,
    @Inject(DIRECTORY_CHANGE_LISTENER) private readonly listener: DirectoryChangeListener,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(cmd: RegisterAbsenceCommand) {
    const { contactPersonId, from, to, reason } = cmd;
    if (to < from) {
      throw new DomainError('DIRECTORY.DATES_IN_WRONG_ORDER', 'to must be on or after from.', 'invalid', {
        field: 'to',
      });
    }
    const today = osloDate(this.clock.now());
    // An absence that is already over can move nothing and would only hide a typing error.
    if (to < today) {
      throw new DomainError(
        'DIRECTORY.ABSENCE_IN_PAST',
        `Fraværet er allerede over: siste fraværsdag (to) ${to} er før i dag (${today}). Registrer bare fravær som pågår eller kommer.`,
        'invalid',
        { field: 'to', today },
      );
    }
    return inTransaction(this.ds, async (manager) => {
      const contact = await this.repository.contactPerson(manager, contactPersonId);
      const unit = contact && (await this.repository.unit(manager, contact.unitId));
      if (!contact || !unit) {
        throw new NotFoundError(
          'DIRECTORY.CONTACT_NOT_FOUND',
          `No contact person ${contactPersonId} in the directory.`,
        );
      }
      if (!mayManage(cmd.actor, unit.organisationNumber)) throw notYourOrganisation('register their absence');
      const id = randomUUID();
      await this.repository.addAbsence(manager, {
        id,
        contactPersonId,
        fromDate: from,
        toDate: to,
        reason,
        registeredBy: cmd.actor.userId,
      });
      const moved =
        from <= today && today <= to
          ? await this.listener.holderUnavailable(
              { kind: 'absent', contactPersonId, until: to },
              { manager, correlationId: cmd.correlationId },
            )
          : 0;
      return { id, contactPersonId, from, to, reason, referralsMoved: moved };
    });
  }
}
