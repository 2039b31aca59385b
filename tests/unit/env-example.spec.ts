import { readFileSync } from 'fs';
import { join } from 'path';
import { getMetadataStorage } from 'class-validator';
import { DeadlineServiceEnv } from '../../apps/deadline-service/src/config/env.schema';
import { GatewayEnv } from '../../apps/gateway/src/config/env.schema';
import { ReferralServiceEnv } from '../../apps/referral-service/src/config/env.schema';
import { RoutingServiceEnv } from '../../apps/routing-service/src/config/env.schema';

/** Every variable a service validates at start, read from its schema's validation metadata. */
function variablesOf(schema: Function): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

const documented = new Set(
  readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^\s*#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name)),
);

describe('.env.example', () => {
  it.each([
    ['referral-service', ReferralServiceEnv],
    ['routing-service', RoutingServiceEnv],
    ['deadline-service', DeadlineServiceEnv],
    ['gateway', GatewayEnv],
  ])('names every variable the %s env schema validates', (_app, schema) => {
    const variables = variablesOf(schema);
    expect(variables.length).toBeGreaterThan(3);
    expect(variables.filter((name) => !documented.has(name))).toEqual([]);
  });
});
