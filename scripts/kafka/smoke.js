#!/usr/bin/env node
'use strict';
// End-to-end check that kafkajs (the app's client) really works against the broker
// version pinned in kafka.js: Kafka 4 dropped old protocol versions (KIP-896), and
// kafkajs 2.2.4 predates Kafka 4, so this is the test to rerun after a version bump.
// node scripts/kafka/smoke.js [--port 19092]   (uses a throw-away data dir)

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const assert = require('node:assert/strict');
const { parseArgs } = require('node:util');
const { Kafka, logLevel, Partitioners } = require('kafkajs');
const kafka = require('./kafka');

const { values } = parseArgs({ options: { port: { type: 'string', default: '19092' } } });
const port = Number(values.port);
const topic = 'smoke.events';
const groupId = 'smoke-group';
const log = (msg) => console.log(msg);
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

async function consumeUntil(client, want) {
  const consumer = client.consumer({ groupId, maxWaitTimeInMs: 200 });
  const seen = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      seen.push(message.value.toString());
      // Explicit OffsetCommit per message: the app's at-least-once contract hinges on it.
      await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
      if (seen.length >= want) done();
    },
  });
  const timer = setTimeout(done, 20_000);
  await finished;
  clearTimeout(timer);
  // Give a redelivery (the bug we test for) a moment to show up before leaving.
  await new Promise((r) => setTimeout(r, 1000));
  await consumer.disconnect();
  return seen;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'overgang-kafka-smoke-'));
  let t0 = Date.now();
  await kafka.fetchJars({ log });
  log(`jars: ${secs(t0)}`);
  t0 = Date.now();
  const { brokers } = await kafka.startBroker({ dataDir, port, controllerPort: port + 1, log });
  log(`broker start-to-ready (incl. format): ${secs(t0)}`);
  try {
    // Silent: kafkajs logs its own (successful) retries of the broker's first-use
    // "coordinator loading" answers at ERROR; a real failure still throws below.
    const client = new Kafka({ clientId: 'smoke', brokers: [brokers], logLevel: logLevel.NOTHING });
    const admin = client.admin();
    await admin.connect();
    assert.equal(
      await admin.createTopics({
        topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
        waitForLeaders: true,
      }),
      true,
    );
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    assert.equal(meta.topics[0].partitions.length, 3);
    assert.ok((await admin.listTopics()).includes(topic));

    const producer = client.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const batch = (from, n) =>
      Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, value: `m${from + i}` }));
    await producer.send({ topic, acks: -1, messages: batch(0, 10) });

    const first = await consumeUntil(client, 10);
    assert.deepEqual(
      [...first].sort(),
      batch(0, 10)
        .map((m) => m.value)
        .sort(),
    );
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const total = committed[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    assert.equal(total, 10, 'committed offsets should cover all 10 messages');

    // Restarted consumer in the same group must only see what came after the commit.
    await producer.send({ topic, acks: -1, messages: batch(10, 5) });
    const second = await consumeUntil(client, 5);
    assert.deepEqual(
      [...second].sort(),
      batch(10, 5)
        .map((m) => m.value)
        .sort(),
      `redelivery: ${second}`,
    );

    // Transactions use the same coordinator plumbing (InitProducerId, AddPartitionsToTxn, EndTxn).
    const tx = client.producer({
      transactionalId: 'smoke-tx',
      maxInFlightRequests: 1,
      idempotent: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await tx.connect();
    const t = await tx.transaction();
    await t.send({ topic, messages: batch(15, 1) });
    await t.commit();
    await tx.disconnect();

    // kafkajs consumers read_committed by default: seeing m15 proves the commit markers landed.
    assert.deepEqual(await consumeUntil(client, 1), ['m15']);
    const offsets = await admin.fetchTopicOffsets(topic);
    assert.ok(offsets.reduce((sum, p) => sum + Number(p.high), 0) >= 16);
    await admin.deleteTopics({ topics: [topic] });
    await producer.disconnect();
    await admin.disconnect();
    log(
      'smoke: create topic, idempotent produce, group consume + commit, no redelivery, transaction, delete topic: OK',
    );
  } finally {
    t0 = Date.now();
    await kafka.stopBroker({ dataDir, log });
    log(`stop: ${secs(t0)}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => console.log('1 passed, 0 failed'),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
