import 'reflect-metadata';
import { createServiceLogger, safeError } from '@overgang/observability';
import { startRoutingService } from './bootstrap';

startRoutingService().catch((err) => {
  createServiceLogger('routing-service').fatal({ msg: 'failed to start', err: safeError(err) });
  process.exit(1);
});
