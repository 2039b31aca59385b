export * from './key-ring';
export * from './field-cipher';
export * from './development-keys';
export * from './sealed-column';
