/**
 * The tables every service needs for reliable messaging, in its own schema. Each service's first
 * migration calls these so the tables are versioned with the service.
 */
export function messagingTablesUp(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      topic text NOT NULL,
      key text NOT NULL,
      envelope jsonb NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`,
    `CREATE INDEX outbox_unpublished ON ${schema}.outbox (seq) WHERE published_at IS NULL`,
    `CREATE TABLE ${schema}.processed_message (
      consumer text NOT NULL,
      message_id uuid NOT NULL,
      topic text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, message_id)
    )`,
  ];
}

export function messagingTablesDown(schema: string): string[] {
  return [`DROP TABLE ${schema}.processed_message`, `DROP TABLE ${schema}.outbox`];
}

/**
 * The per-key message counter behind the envelope's `sequence`, added after the first migrations:
 * each service creates it in a migration of its own.
 */
export function messageSequenceTableUp(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.outbox_sequence (
      key text PRIMARY KEY,
      last_sequence bigint NOT NULL
    )`,
  ];
}

export function messageSequenceTableDown(schema: string): string[] {
  return [`DROP TABLE ${schema}.outbox_sequence`];
}
