export * from './logger';
export * from './safe-error';
export * from './log-context';
export * from './request-log';
export * from './health.controller';
