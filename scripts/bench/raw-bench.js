'use strict';
// The raw limits of this machine, with the hub's own settings: Kafka produce → consume with the
// hub's producer (idempotent, acks=all, one request in flight) on a 3-partition topic, and
// PostgreSQL insert + commit with the hub's pool size (10).
const { randomUUID } = require('crypto');
const { Kafka, logLevel, Partitioners } = require('kafkajs');
const { Pool } = require('pg');

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : null;
};

async function kafkaRoundTrip(brokers, { messages = 20_000, batch = 100 } = {}) {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench.raw-${Date.now()}.v1`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const latencies = [];
  let done;
  const finished = new Promise((r) => (done = r));
  await consumer.run({
    eachBatch: async ({ batch: b }) => {
      const now = Date.now();
      for (const m of b.messages) latencies.push(now - Number(m.value.toString()));
      if (latencies.length >= messages) done();
    },
  });
  const started = Date.now();
  for (let i = 0; i < messages; i += batch) {
    const ts = String(Date.now());
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: Math.min(batch, messages - i) }, (_, j) => ({ key: String(i + j), value: ts })),
    });
  }
  const sentMs = Date.now() - started;
  await Promise.race([finished, new Promise((r) => setTimeout(r, 60_000))]);
  const totalMs = Date.now() - started;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return {
    messages: latencies.length,
    batch,
    producedPerSecond: Math.round((messages / sentMs) * 1000),
    roundTripPerSecond: Math.round((latencies.length / totalMs) * 1000),
    latencyP50Ms: pct(latencies, 50),
    latencyP99Ms: pct(latencies, 99),
  };
}

async function postgresCommits(url, { seconds = 5, workers = 10 } = {}) {
  const pool = new Pool({ connectionString: url, max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())');
  let commits = 0;
  const until = Date.now() + seconds * 1000;
  const body = JSON.stringify({ referralId: randomUUID(), type: 'release-notice', payload: 'x'.repeat(400) });
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const client = await pool.connect();
      try {
        while (Date.now() < until) {
          await client.query('BEGIN');
          await client.query('INSERT INTO bench_raw (body) VALUES ($1)', [body]);
          await client.query('COMMIT');
          commits++;
        }
      } finally {
        client.release();
      }
    }),
  );
  await pool.query('DROP TABLE bench_raw');
  await pool.end();
  return { commitsPerSecond: Math.round(commits / seconds), workers, poolSize: 10 };
}

module.exports = { kafkaRoundTrip, postgresCommits, pct };
