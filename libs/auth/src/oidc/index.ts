export * from './trusted-issuers';
export * from './claim-mapping';
export * from './oidc-verifier';
