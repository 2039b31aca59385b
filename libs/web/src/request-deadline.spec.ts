import { EntityManager } from 'typeorm';
import { RequestTimedOutError } from './problem';
import { RequestDeadline } from './request-deadline';

/** Records the statements a hook sends; no database is needed for the state machine itself. */
function aManager() {
  const statements: Array<[string, unknown[]]> = [];
  const manager = {
    query: (sql: string, params: unknown[]) => {
      statements.push([sql, params]);
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  return { manager, statements };
}

describe('RequestDeadline', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2027-01-04T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const options = { timeoutMs: 10_000, statementTimeoutMs: 15_000 };

  it('answers the caller at the deadline and then refuses to commit', async () => {
    const onTimeout = jest.fn();
    const deadline = new RequestDeadline(options, onTimeout);
    const { manager } = aManager();
    await deadline.begin(manager);
    jest.advanceTimersByTime(10_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    await expect(deadline.beforeCommit()).rejects.toThrow(RequestTimedOutError);
    deadline.afterTransaction(false);
    await expect(deadline.begin(manager)).rejects.toThrow(RequestTimedOutError);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('lets an answer come once COMMIT has been sent, even past the deadline', async () => {
    const onTimeout = jest.fn();
    const deadline = new RequestDeadline(options, onTimeout);
    await deadline.beforeCommit();
    jest.advanceTimersByTime(60_000);
    deadline.afterTransaction(true);
    jest.advanceTimersByTime(60_000);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('times out at once when a failed commit leaves the request past its deadline', async () => {
    const onTimeout = jest.fn();
    const deadline = new RequestDeadline(options, onTimeout);
    await deadline.beforeCommit();
    jest.advanceTimersByTime(11_000);
    deadline.afterTransaction(false);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('refuses a commit that comes late even before its timer has run', async () => {
    const onTimeout = jest.fn();
    const deadline = new RequestDeadline(options, onTimeout);
    jest.setSystemTime(Date.now() + 10_001);
    await expect(deadline.beforeCommit()).rejects.toThrow(RequestTimedOutError);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('commits nothing more once the caller has hung up', async () => {
    const deadline = new RequestDeadline(options, jest.fn());
    deadline.abandoned();
    await expect(deadline.beforeCommit()).rejects.toThrow(RequestTimedOutError);
  });

  it('bounds each statement to the time left plus a grace, never above the pool bound', async () => {
    const { manager, statements } = aManager();
    const deadline = new RequestDeadline(options, jest.fn());
    jest.advanceTimersByTime(4_000);
    await deadline.begin(manager);
    expect(statements).toEqual([[`SELECT set_config('statement_timeout', $1, true)`, ['7000']]]);
    const long = new RequestDeadline({ timeoutMs: 60_000, statementTimeoutMs: 15_000 }, jest.fn());
    await long.begin(manager);
    expect(statements[1][1]).toEqual(['15000']);
    deadline.finished();
    long.finished();
  });
});
