'use strict';
// npm run dlq:replay -- <topic> [--brokers host:port]
// Sends the messages in <topic>.dlq back to <topic> once the cause is fixed (see libs/messaging).
require('reflect-metadata');
require('./register-paths');
const { Kafka, logLevel } = require('kafkajs');
const { replayDeadLetters } = require('@overgang/messaging');

async function main(argv) {
  const topic = argv[0];
  const i = argv.indexOf('--brokers');
  const brokers = (i >= 0 ? argv[i + 1] : process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  if (!topic) throw new Error('usage: npm run dlq:replay -- <topic> [--brokers host:port]');
  const result = await replayDeadLetters(
    new Kafka({ clientId: 'dlq-replay', brokers, logLevel: logLevel.WARN }),
    topic,
  );
  console.log(`${result.replayed} message(s) from ${topic}.dlq sent back to ${topic}`);
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err.message);
  process.exit(1);
});
