import { Principal } from '@overgang/auth';

/** The file as received: name, size and bytes. */
export interface UploadedFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export interface UploadAttachmentCommand {
  referralId: string;
  /** Absent when the request carried no file. */
  file: UploadedFile | undefined;
  by: Principal;
}
