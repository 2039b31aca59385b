import 'reflect-metadata';
import { createServiceLogger, safeError } from '@overgang/observability';
import { startGateway } from './bootstrap';

startGateway().catch((err) => {
  createServiceLogger('gateway').fatal({ msg: 'failed to start', err: safeError(err) });
  process.exit(1);
});
