import { createHash, randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal } from '@overgang/auth';
import { CLOCK, Clock, DomainError } from '@overgang/core';
import { mayRead } from '../../domain/access';
import { referralNotFound } from '../../domain/referral.errors';
import { personalDataWithheld } from '../../domain/withholding';
import { AccessLogOrmEntity, AttachmentOrmEntity } from '../../infrastructure/referral.orm-entity';
import { ReferralRepository } from '../../infrastructure/referral.repository';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export interface UploadedFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** Case documents: PDFs up to 5 MB, stored with their SHA-256; every download is logged. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly referrals: ReferralRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async access(p: Principal, referralId: string) {
    const loaded = await this.referrals.load(this.ds.manager, referralId);
    if (
      !loaded ||
      !mayRead(p, { senderOrganisation: loaded.referral.senderOrganisation, recipients: loaded.recipients })
    ) {
      throw referralNotFound();
    }
    const withheld = personalDataWithheld(p, { ...loaded.referral, recipients: loaded.recipients });
    if (withheld) throw new DomainError(withheld.code, withheld.reason, 'forbidden');
    return loaded;
  }

  async upload(p: Principal, referralId: string, file: UploadedFile | undefined) {
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
    await this.access(p, referralId);
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
    await this.ds.getRepository(AttachmentOrmEntity).insert(row);
    return { id: row.id, fileName: row.fileName, sizeBytes: row.sizeBytes, sha256: row.sha256 };
  }

  async list(referralId: string) {
    const rows = await this.ds
      .getRepository(AttachmentOrmEntity)
      .find({ where: { referralId }, order: { uploadedAt: 'ASC' } });
    return rows.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      uploadedBy: a.uploadedBy,
      uploadedByOrganisation: a.uploadedByOrganisation,
      uploadedAt: a.uploadedAt.toISOString(),
    }));
  }

  async download(p: Principal, referralId: string, attachmentId: string, correlationId: string | null) {
    await this.access(p, referralId);
    const a = await this.ds
      .getRepository(AttachmentOrmEntity)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .where('a.id = :attachmentId AND a.referral_id = :referralId', { attachmentId, referralId })
      .getOne();
    if (!a) throw referralNotFound();
    await this.ds.getRepository(AccessLogOrmEntity).insert({
      referralId,
      userId: p.userId,
      organisationNumber: p.organisationNumber,
      action: `read-attachment:${a.id}`,
      at: this.clock.now(),
      correlationId,
    });
    return a;
  }
}
