import { kafkaLogLine } from './kafka';

const NID = '15828012345';

describe('kafkaLogLine', () => {
  it('keeps the fixed part of a crash line, not the message of the error that caused it', () => {
    const line = kafkaLogLine('Consumer', {
      message: `Crash: KafkaJSNumberOfRetriesExceeded: duplicate key (${NID})`,
      groupId: 'referral-service',
      stack: `KafkaJSNumberOfRetriesExceeded: duplicate key (${NID})\n    at Runner.run (runner.js:1:1)`,
    } as never);
    expect(line).toMatchObject({
      msg: 'Crash: KafkaJSNumberOfRetriesExceeded',
      kafka: { namespace: 'Consumer', groupId: 'referral-service' },
      stack: ['at Runner.run (runner.js:1:1)'],
    });
    expect(JSON.stringify(line)).not.toContain(NID);
  });

  it('logs an error object from a handler through safeError, and a network text as it is', () => {
    const handler = kafkaLogLine('Runner', {
      message: 'Error when calling eachMessage',
      topic: 'referral.submitted.v1',
      partition: 0,
      error: new Error(`insert failed for Testa Testesen ${NID}`),
    } as never);
    expect(handler).toMatchObject({ msg: 'Error when calling eachMessage', err: { type: 'Error' } });
    expect(JSON.stringify(handler)).not.toMatch(/Testa|insert failed/);

    const network = kafkaLogLine('Connection', {
      message: 'Connection error',
      broker: '127.0.0.1:9092',
      error: 'connect ECONNREFUSED 127.0.0.1:9092',
    } as never);
    expect(network).toMatchObject({
      reason: 'connect ECONNREFUSED 127.0.0.1:9092',
      kafka: { broker: '127.0.0.1:9092' },
    });
    const other = kafkaLogLine('Producer', {
      message: 'Failed to send messages: Testa',
      error: 'Testa',
    } as never);
    expect(other).toEqual({ msg: 'Failed to send messages', kafka: expect.any(Object) });
  });
});
