export * from './logger';
export * from './health.controller';
