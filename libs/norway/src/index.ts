export * from './national-id';
export * from './organisation-number';
export * from './bank-account';
export * from './kid';
export * from './kommunenummer';
export * from './kommuner.data';
export * from './holidays';
export * from './validators';
