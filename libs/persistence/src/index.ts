export * from './data-source';
export * from './transaction';
export * from './transaction-hooks';
export * from './database-errors';
export * from './test-guard';
