import 'reflect-metadata';
import { startReferralService } from './bootstrap';

startReferralService().catch((err) => {
  console.error(`referral-service failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
