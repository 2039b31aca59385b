/**
 * Tests truncate tables. This refuses any database whose name does not say it is for tests, so
 * a mistyped DATABASE_URL can never wipe a real one.
 */
export function assertTestDatabase(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/(^|_)test(_|$)/.test(name)) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
}
