import 'reflect-metadata';
import { startGateway } from './bootstrap';

startGateway().catch((err) => {
  console.error(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
