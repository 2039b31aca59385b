export * from './envelope';
export * from './schema.sql';
export * from './outbox';
export * from './outbox-relay';
export * from './message-processor';
export * from './kafka';
export * from './messaging.module';
export * from './dlq-replay';
