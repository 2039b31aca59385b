import { readFileSync } from 'fs';
import { join } from 'path';

/* eslint-disable @typescript-eslint/no-require-imports */
const provider = require('../../scripts/oidc/provider.js');

describe('the identity provider configuration docker-compose mounts', () => {
  it('is what scripts/oidc makes from the demo directory (node scripts/oidc/cli.js config > scripts/oidc/compose-config.json)', () => {
    const committed = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'scripts', 'oidc', 'compose-config.json'), 'utf8'),
    );
    expect(committed).toEqual(provider.providerConfig());
  });

  it('mounts the login page scripts/oidc makes (node scripts/oidc/cli.js login-page > scripts/oidc/login.html)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'scripts', 'oidc', 'login.html'), 'utf8');
    expect(committed).toBe(provider.loginPage());
  });
});
