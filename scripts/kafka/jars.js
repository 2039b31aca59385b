'use strict';
// The Kafka broker's jars, fetched from Maven Central (via scripts/kafka/pom.xml) into a cache once.
const path = require('node:path');
const { cacheDir, fetchMavenJars, run } = require('../maven-jars');

// Newest 4.x on Maven Central; works with kafkajs 2.2.4 despite KIP-896 (Kafka 4 dropped old
// protocol versions). Rerun scripts/kafka/smoke.js after changing it.
const KAFKA_VERSION = '4.4.0';
const POM = path.join(__dirname, 'pom.xml');

const libsDir = () => cacheDir('kafka', KAFKA_VERSION, process.env.OVERGANG_KAFKA_CACHE);

const fetchJars = ({ log } = {}) =>
  fetchMavenJars({
    pom: POM,
    property: 'kafka.version',
    version: KAFKA_VERSION,
    libs: libsDir(),
    label: 'Kafka',
    log,
  });

module.exports = { KAFKA_VERSION, libsDir, fetchJars, run };
