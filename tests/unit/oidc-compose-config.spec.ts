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
});
