import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FieldCipher } from '@overgang/crypto';
import { inTransaction } from '@overgang/persistence';
import { FIELD_CIPHER } from '../../infrastructure/data-key-ring';
import { ResealBatch, ResealRepository, ResealScope } from '../../infrastructure/reseal.repository';
import { RotateDataKeysCommand } from './rotate-data-keys.command';

export interface RotationReport {
  /** Rows re-sealed, per table. */
  resealed: Record<string, number>;
  /** Values per key id after the pass ('clear': not sealed). A key no longer listed may leave the ring. */
  keysInUse: Record<string, number>;
}

type Batcher = (m: EntityManager, s: ResealScope, after: string, limit: number) => Promise<ResealBatch>;

/**
 * Key rotation: after a new key is made current, re-seals what older keys sealed, one short
 * transaction per batch, so the service keeps running meanwhile. Safe to run twice or from two
 * places at once (rows locked elsewhere are skipped and show in `keysInUse`).
 */
@Injectable()
export class RotateDataKeysHandler {
  constructor(
    private readonly ds: DataSource,
    private readonly reseal: ResealRepository,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  async execute(cmd: RotateDataKeysCommand): Promise<RotationReport> {
    const scope: ResealScope = { mode: cmd.mode, cipher: this.cipher };
    const batch = cmd.batchSize ?? 200;
    const tables: Array<[string, Batcher, number]> = [
      ['referral', (m, s, a, l) => this.reseal.referrals(m, s, a, l), batch],
      ['consent', (m, s, a, l) => this.reseal.consents(m, s, a, l), batch],
      ['referral_history', (m, s, a, l) => this.reseal.history(m, s, a, l), batch],
      // Up to 5 MB each: a few per transaction.
      ['attachment', (m, s, a, l) => this.reseal.attachments(m, s, a, l), 5],
      ['idempotency_key', (m, s, _a, l) => this.reseal.idempotencyAnswers(m, s, l), batch],
    ];
    const resealed: Record<string, number> = {};
    for (const [table, run, limit] of tables) {
      resealed[table] = 0;
      let after: string | null = '';
      while (after !== null) {
        const from: string = after;
        const done: ResealBatch = await inTransaction(this.ds, (m) => run(m, scope, from, limit));
        resealed[table] += done.resealed;
        after = done.next;
      }
    }
    return { resealed, keysInUse: await this.reseal.keysInUse(this.ds.manager) };
  }

  /** At start: seals rows written before sealing existed, if there are any. */
  async sealLegacyRows(): Promise<RotationReport | null> {
    if (!(await this.reseal.hasLegacyRows(this.ds.manager))) return null;
    return this.execute({ mode: 'legacy' });
  }
}
