import 'reflect-metadata';
import { startDeadlineService } from './bootstrap';

startDeadlineService().catch((err) => {
  console.error(`deadline-service failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
