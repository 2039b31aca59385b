import { randomUUID } from 'crypto';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
  REFERRAL_SUBMITTED_V1,
  ReferralAnchorDateChangedV1,
  ReferralProgressedV1,
  ReferralSubmittedV1,
  validateEnvelope,
  validatePayload,
} from '@overgang/contracts';
import { ReferralFactRepository } from '../../infrastructure/referral-fact.repository';
import { RecordReferralFacts } from '../statistics.handlers';

/** Submitted first: the other events update the fact row it inserts. */
export const BACKFILL_TOPICS = [
  REFERRAL_SUBMITTED_V1,
  REFERRAL_ANCHOR_DATE_CHANGED_V1,
  REFERRAL_PROGRESSED_V1,
] as const;
type BackfillTopic = (typeof BACKFILL_TOPICS)[number];

export interface BackfillResult {
  /** Messages read per topic, up to where each topic ended when the backfill began. */
  read: Record<BackfillTopic, number>;
  /** Messages that were not a valid envelope with a valid payload, left alone. */
  invalid: number;
}

/**
 * Rebuilds the statistics' facts from what the referral topics still hold (Kafka's retention
 * decides how far back), for referrals submitted before the statistics existed. Idempotent, like
 * the consumer: a submitted fact is inserted once, and an older date or outcome never overwrites a
 * newer one, so it may run again, and while the service runs. Reads each topic from its beginning
 * under a consumer group of its own (deleted afterwards), up to the end it had at the start.
 */
export async function backfillFacts(kafka: Kafka, ds: DataSource): Promise<BackfillResult> {
  const record = new RecordReferralFacts(new ReferralFactRepository(ds));
  const result: BackfillResult = {
    read: Object.fromEntries(BACKFILL_TOPICS.map((t) => [t, 0])),
    invalid: 0,
  } as BackfillResult;
  for (const topic of BACKFILL_TOPICS) {
    await readTopic(kafka, topic, async (raw) => {
      result.read[topic]++;
      const envelope = await validateEnvelope(raw);
      const payload = envelope.ok ? await validatePayload(topic, envelope.value.payload) : null;
      if (!payload?.ok) {
        result.invalid++;
        return;
      }
      await ds.transaction(async (manager) => {
        const ctx = { manager };
        if (topic === REFERRAL_SUBMITTED_V1)
          await record.submitted(payload.value as ReferralSubmittedV1, ctx);
        else if (topic === REFERRAL_ANCHOR_DATE_CHANGED_V1)
          await record.anchorChanged(payload.value as ReferralAnchorDateChangedV1, ctx);
        else await record.progressed(payload.value as ReferralProgressedV1, ctx);
      });
    });
  }
  return result;
}

async function readTopic(kafka: Kafka, topic: string, each: (raw: unknown) => Promise<void>): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `deadline-statistics-backfill-${randomUUID()}`;
  try {
    if (!(await admin.listTopics()).includes(topic)) return;
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((e) => [e.partition, Number(e.high)]));
    // The next offset to read per partition; done once every partition has reached its end.
    const next = new Map((await admin.fetchTopicOffsets(topic)).map((e) => [e.partition, Number(e.low)]));
    const caughtUp = () => [...ends].every(([p, high]) => (next.get(p) ?? high) >= high);
    if (caughtUp()) return;
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    let finished!: () => void;
    const done = new Promise<void>((r) => (finished = r));
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const offset = Number(message.offset);
          // Written after the backfill began: the running consumer counts it.
          if (offset < (ends.get(partition) ?? 0)) await each(parse(message.value));
          next.set(partition, offset + 1);
          if (caughtUp()) finished();
        },
      });
      await done;
    } finally {
      await consumer.disconnect();
    }
    await admin.deleteGroups([groupId]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

function parse(value: Buffer | null): unknown {
  try {
    return JSON.parse(value?.toString() ?? 'null');
  } catch {
    return null;
  }
}
