export * from './domain-error';
export * from './clock';
export * from './dates';
export * from './json';
export * from './csv';
export * from './small-numbers';
