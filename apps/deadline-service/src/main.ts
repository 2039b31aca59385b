import 'reflect-metadata';
import { createServiceLogger, safeError } from '@overgang/observability';
import { startDeadlineService } from './bootstrap';

startDeadlineService().catch((err) => {
  createServiceLogger('deadline-service').fatal({ msg: 'failed to start', err: safeError(err) });
  process.exit(1);
});
