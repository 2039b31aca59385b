import 'reflect-metadata';
import { startRoutingService } from './bootstrap';

startRoutingService().catch((err) => {
  console.error(`routing-service failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
