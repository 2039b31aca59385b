export * from './data-source';
export * from './transaction';
export * from './test-guard';
