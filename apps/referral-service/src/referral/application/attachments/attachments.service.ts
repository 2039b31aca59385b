import { createHash, randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@overgang/auth';
import { CLOCK, Clock, DomainError } from '@overgang/core';
import { inTransaction } from '@overgang/persistence';
import { mayRead } from '../../domain/access';
import { referralNotFound } from '../../domain/referral.errors';
import { personalDataWithheld } from '../../domain/withholding';
import { AttachmentRepository } from '../../infrastructure/attachment.repository';
import { ReferralRepository } from '../../infrastructure/referral.repository';
import { AccessLog, partiesOf } from '../access-log/access-log';
import { DownloadAttachmentQuery } from './download-attachment.query';
import { UploadAttachmentCommand } from './upload-attachment.command';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** Case documents: PDFs up to 5 MB, stored with their SHA-256; every download is logged. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    private readonly attachments: AttachmentRepository,
    private readonly accessLog: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async access(manager: EntityManager, p: Principal, referralId: string) {
    const loaded = await this.referrals.load(manager, referralId);
    if (!loaded || !mayRead(p, { ...loaded.referral, recipients: loaded.recipients })) {
      throw referralNotFound();
    }
    const withheld = personalDataWithheld(p, { ...loaded.referral, recipients: loaded.recipients });
    if (withheld) throw new DomainError(withheld.code, withheld.reason, 'forbidden');
    return loaded;
  }

  async upload({ referralId, file, by: p }: UploadAttachmentCommand) {
    if (!file) {
      throw new DomainError(
        'ATTACHMENT.MISSING',
        'Send the PDF as multipart form data in the field "file".',
        'invalid',
        { field: 'file' },
      );
    }
    if (file.buffer.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new DomainError('ATTACHMENT.NOT_PDF', 'Only PDF files can be attached.', 'invalid', {
        field: 'file',
      });
    }
    // In a transaction like every other change, so the request's hooks (its Idempotency-Key) commit with the row.
    return inTransaction(this.ds, async (manager) => {
      await this.access(manager, p, referralId);
      const row = {
        id: randomUUID(),
        referralId,
        fileName: file.originalname.slice(0, 200),
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
