import { Injectable } from '@nestjs/common';
import { projectDirectory } from '@overgang/auth';
import { RecipientMapPublishedV1 } from '@overgang/contracts';
import { EventContext } from '@overgang/messaging';

/** Keeps the directory's organisations and units, which every caller of this service is checked against. */
@Injectable()
export class ProjectDirectoryHandler {
  async execute(e: RecipientMapPublishedV1, { manager }: EventContext): Promise<void> {
    await projectDirectory(manager, e);
  }
}
