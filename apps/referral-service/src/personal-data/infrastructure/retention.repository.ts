import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The retention policy's SQL. Every period is counted on the database's clock, and every batch
 * locks its rows with SKIP LOCKED, so replicas running at once share the work instead of doubling it.
 */
@Injectable()
export class RetentionRepository {
  /**
   * Erases the personal data of referrals in a final status with no activity (no change, no history
   * entry) for `days`: national ID, person key, name, details and the history's free text; their
   * attachments are deleted. Ids, dates, codes and organisations stay, for statistics.
   */
  async eraseClosedReferrals(
    m: EntityManager,
    finalStatuses: readonly string[],
    days: number,
    limit: number,
  ): Promise<number> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT r.id FROM referral r
       WHERE r.erased_at IS NULL AND r.status = ANY($1::text[])
         AND r.updated_at < now() - make_interval(days => $2)
         AND NOT EXISTS (SELECT 1 FROM referral_history h
                         WHERE h.referral_id = r.id AND h.at >= now() - make_interval(days => $2))
       ORDER BY r.id LIMIT $3 FOR UPDATE OF r SKIP LOCKED`,
      [finalStatuses, days, limit],
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await m.query(
      `UPDATE referral SET person_national_id = NULL, person_key = NULL, person_name = NULL, details = NULL,
              erased_at = now()
       WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    await m.query(`UPDATE referral_history SET personal_facts = NULL WHERE referral_id = ANY($1::uuid[])`, [
      ids,
    ]);
    await m.query(`DELETE FROM attachment WHERE referral_id = ANY($1::uuid[])`, [ids]);
    // The housing situation at notice stays only as a count.
    await m.query(`DELETE FROM housing_situation_fact WHERE referral_id = ANY($1::uuid[])`, [ids]);
    return ids.length;
  }

  /**
   * Erases the national ID of consents that ended (withdrawn or expired) more than `days` ago and
   * that no referral with personal data relies on any longer: the last link to the person.
   */
  async eraseEndedConsents(m: EntityManager, days: number, limit: number): Promise<number> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT c.id FROM consent c
       WHERE c.erased_at IS NULL AND c.status IN ('withdrawn', 'expired')
         AND c.created_at < now() - make_interval(days => $1)
         AND NOT EXISTS (SELECT 1 FROM consent_change ch
                         WHERE ch.consent_id = c.id AND ch.at >= now() - make_interval(days => $1))
         AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.consent_id = c.id AND r.erased_at IS NULL)
       ORDER BY c.id LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
      [days, limit],
    );
    if (rows.length === 0) return 0;
    await m.query(
      `UPDATE consent SET person_national_id = NULL, person_key = NULL, erased_at = now() WHERE id = ANY($1::uuid[])`,
      [rows.map((r) => r.id)],
    );
    return rows.length;
  }

  /** Claims today's run (the Oslo date of the database's clock); false when a replica already has. */
  async claimToday(m: EntityManager): Promise<string | null> {
    const rows: Array<{ day: string }> = await m.query(
      `INSERT INTO retention_run (day, started_at) VALUES ((now() AT TIME ZONE 'Europe/Oslo')::date, now())
       ON CONFLICT DO NOTHING RETURNING day::text`,
    );
    return rows[0]?.day ?? null;
  }

  async finish(
    m: EntityManager,
    day: string,
    counts: { referralsErased: number; consentsErased: number; accessLogDeleted: number },
  ): Promise<void> {
    await m.query(
      `UPDATE retention_run SET finished_at = now(), referrals_erased = $2, consents_erased = $3,
              access_log_deleted = $4
       WHERE day = $1::date`,
      [day, counts.referralsErased, counts.consentsErased, counts.accessLogDeleted],
    );
  }
}
