export * from './eventually';
export * from './topic-recorder';
export * from './tokens';
export * from './factories';
export * from './person-key';
export * from './pdf-files';
