import { createHash, randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@overgang/auth';
import { CLOCK, Clock, DomainError } from '@overgang/core';
import { inTransaction } from '@overgang/persistence';
import { mayRead } from '../../domain/access';
import { ACTIVE_STATUSES, ReferralStatus } from '../../domain/referral-state';
import { referralNotFound } from '../../domain/referral.errors';
import { personalDataWithheld } from '../../domain/withholding';
import { AttachmentRepository } from '../../infrastructure/attachment.repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { AccessLog, partiesOf } from '../access-log/access-log';
import { attachmentsClosed, fileMissing, notAcceptedFile, storedFileName } from './attachment-refusals';
import { DownloadAttachmentQuery } from './download-attachment.query';
import { pdfRefusal } from './pdf-check';
import { UploadAttachmentCommand } from './upload-attachment.command';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/**
 * Case documents: PDFs up to 5 MB that a PDF parser reads (nothing else glued on, no active
 * content), added while the referral is live, stored with their SHA-256; every download is logged.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly attachments: AttachmentRepository,
    private readonly accessLog: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async access(manager: EntityManager, p: Principal, referralId: string, forUpdate = false) {
    const loaded = await this.referrals.load(manager, referralId, forUpdate);
    if (!loaded || !mayRead(p, { ...loaded.referral, recipients: loaded.recipients })) {
      throw referralNotFound();
    }
    const withheld = personalDataWithheld(p, { ...loaded.referral, recipients: loaded.recipients });
    if (withheld) throw new DomainError(withheld.code, withheld.reason, 'forbidden');
    return loaded;
  }

  async upload({ referralId, file, by: p }: UploadAttachmentCommand) {
    if (!file) throw fileMissing();
    // Before the transaction: parsing takes a worker thread's time, not a held connection's.
    const refusal = await pdfRefusal(file.buffer);
    if (refusal) throw notAcceptedFile(refusal);
    // In a transaction like every other change, so the request's hooks (its Idempotency-Key) commit with the row.
    return inTransaction(this.ds, async (manager) => {
      // Locked, so a withdrawal committing meanwhile cannot slip a document in after it.
      const { referral } = await this.access(manager, p, referralId, true);
      const status = referral.status as ReferralStatus;
      if (!ACTIVE_STATUSES.includes(status)) throw attachmentsClosed(status);
      const row = {
        id: randomUUID(),
        referralId,
        fileName: storedFileName(file.originalname),
        contentType: 'application/pdf',
        sizeBytes: file.size,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        content: file.buffer,
        uploadedBy: p.userId,
        uploadedByOrganisation: p.organisationNumber,
        uploadedAt: this.clock.now(),
      };
      await this.attachments.insert(manager, row);
      return { id: row.id, fileName: row.fileName, sizeBytes: row.sizeBytes, sha256: row.sha256 };
    });
  }

  /** The document with its content; the download is logged in the same transaction. */
  download(q: DownloadAttachmentQuery) {
    return inTransaction(this.ds, async (manager) => {
      const loaded = await this.access(manager, q.by, q.referralId);
      const a = await this.attachments.withContent(manager, q.referralId, q.attachmentId);
      if (!a) throw referralNotFound();
      await this.accessLog.record(manager, {
        reader: q.by,
        action: 'read-attachment',
        objectType: 'attachment',
        objectId: a.id,
        referralId: q.referralId,
        parties: partiesOf({ ...loaded.referral, recipients: loaded.recipients }),
        correlationId: q.correlationId,
      });
      return a;
    });
  }
}
