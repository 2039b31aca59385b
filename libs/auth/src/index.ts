export * from './principal';
export * from './token-issuer';
export * from './jwt.strategy';
export * from './guards';
export * from './auth.module';
