#!/usr/bin/env node
'use strict';
// node scripts/kafka/cli.js fetch|start|stop|status [--data-dir D] [--port P]
// The broker started by `start` keeps running after this command returns; `stop` ends it.

const path = require('node:path');
const { parseArgs } = require('node:util');
const kafka = require('./kafka');

const REPO = path.resolve(__dirname, '..', '..');
const USAGE = 'Usage: node scripts/kafka/cli.js fetch|start|stop|status [--data-dir DIR] [--port PORT]';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '9092' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  const dataDir = path.resolve(values['data-dir'] ?? path.join(REPO, '.data', 'kafka'));
  const port = Number(values.port);
  if (values.help || !command) return console.log(USAGE);
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`Bad --port: ${values.port}`);
  const log = (msg) => console.log(msg);

  switch (command) {
    case 'fetch': {
      const libs = await kafka.fetchJars({ log });
      console.log(`Kafka ${kafka.KAFKA_VERSION} jars are in ${libs}`);
      break;
    }
    case 'start': {
      const { brokers, pid } = await kafka.startBroker({ dataDir, port, controllerPort: port + 1, log });
      console.log(`Kafka is running: brokers=${brokers} pid=${pid} data=${dataDir}`);
      const where = values['data-dir'] ? ` --data-dir ${dataDir}` : '';
      console.log(`Stop it with: node scripts/kafka/cli.js stop${where}`);
      break;
    }
    case 'stop':
      await kafka.stopBroker({ dataDir, log });
      break;
    case 'status': {
      const s = await kafka.brokerStatus({ dataDir });
      if (!s.running) console.log(`No Kafka broker running for ${dataDir}.`);
      else
        console.log(
          `Kafka broker pid ${s.pid} on ${s.brokers}: ${s.answering ? 'answering' : 'NOT answering (starting or stuck?)'}.`,
        );
      process.exitCode = s.running && s.answering ? 0 : 1;
      break;
    }
    default:
      throw new Error(`Unknown command "${command}".\n${USAGE}`);
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
