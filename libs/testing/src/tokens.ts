import { readFileSync } from 'fs';
import { join } from 'path';
import { issueToken, Role } from '@overgang/auth';

export const TEST_JWT_SECRET = 'overgang-test-secret-0123456789abcdef-0123456789';
export const TEST_ISSUER = { secret: TEST_JWT_SECRET, issuer: 'overgang-local', audience: 'overgang' };

interface DemoUser {
  id: string;
  organisationNumber: string;
  unitId: string | null;
  roles: Role[];
}

const DIRECTORY = join(
  __dirname,
  '..',
  '..',
  '..',
  'apps',
  'routing-service',
  'src',
  'directory',
  'fixtures',
  'demo-directory.json',
);
let users: DemoUser[] | null = null;

/** A token for one of the demo directory's users (see `npm run -s token -- --list`). */
export function tokenFor(userId: string): string {
  users ??= (JSON.parse(readFileSync(DIRECTORY, 'utf8')) as { users: DemoUser[] }).users;
  const u = users.find((x) => x.id === userId);
  if (!u) throw new Error(`no demo user ${userId}`);
  return issueToken(TEST_ISSUER, { sub: u.id, org: u.organisationNumber, unit: u.unitId, roles: u.roles });
}
