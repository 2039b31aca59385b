import 'reflect-metadata';
import { createServiceLogger, safeError } from '@overgang/observability';
import { startReferralService } from './bootstrap';

startReferralService().catch((err) => {
  createServiceLogger('referral-service').fatal({ msg: 'failed to start', err: safeError(err) });
  process.exit(1);
});
