import { Controller, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@overgang/auth';
import { BodyMediaTypes } from '@overgang/web';
import { AttachmentsService, MAX_ATTACHMENT_BYTES } from '../../application/attachments/attachments.service';
import { UploadedFile as File } from '../../application/attachments/upload-attachment.command';
import { attachmentHeaders } from './attachment-download';
import { correlation, HttpRequest, uuid } from './http-request';
import { LogsRefusal } from './refused-access.interceptor';

/** Case documents on a referral. */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post(':id/attachments')
  @LogsRefusal({ objectType: 'referral', action: 'upload-attachment', referral: 'id' })
  // Browsers send the file name as UTF-8 (æøå); busboy's default would read it as Latin-1.
  @UseInterceptors(
    FileInterceptor('file', {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 },
      defParamCharset: 'utf8',
    }),
  )
  @BodyMediaTypes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({
    summary:
      'Attach a case document while the referral is live: a PDF of at most 5 MB that a PDF parser reads, with nothing else in the file and no active content; stored with its SHA-256.',
  })
  upload(
    @Param('id', uuid) id: string,
    @UploadedFile() file: File | undefined,
    @CurrentUser() user: Principal,
  ) {
    return this.attachments.upload({
      referralId: id,
      file: file && { originalname: file.originalname, size: file.size, buffer: file.buffer },
      by: user,
    });
  }

  @Get(':id/attachments/:attachmentId')
  @LogsRefusal({
    objectType: 'attachment',
    action: 'read-attachment',
    referral: 'id',
    object: 'attachmentId',
  })
  @ApiOperation({ summary: 'Download a case document (logged), always as an attachment.' })
  async download(
    @Param('id', uuid) id: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @CurrentUser() user: Principal,
    @Req() req: HttpRequest,
    @Res() res: { setHeader(k: string, v: string): void; send(b: Buffer): void },
  ) {
    const a = await this.attachments.download({
      referralId: id,
      attachmentId,
      by: user,
      correlationId: correlation(req),
    });
    for (const [name, value] of Object.entries(attachmentHeaders(a))) res.setHeader(name, value);
    res.send(a.content);
  }
}
