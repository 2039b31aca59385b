import { Principal } from '@overgang/auth';

export interface DownloadAttachmentQuery {
  referralId: string;
  attachmentId: string;
  by: Principal;
  correlationId: string;
}
