// Integration and e2e tests boot real services against Kafka and PostgreSQL.
jest.setTimeout(90_000);
