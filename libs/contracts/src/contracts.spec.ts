import { readFileSync } from 'fs';
import { join } from 'path';
import { getMetadataStorage } from 'class-validator';
import { EnvelopeV1 } from './envelope';
import { ALL_TOPICS, CONTRACTS, Topic } from './registry';
import { validateEnvelope, validatePayload } from './validate';

function fixture(topic: Topic | 'envelope.v1'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', `${topic}.json`), 'utf8'));
}

function declaredFields(cls: Function): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))].sort();
}

describe('contracts', () => {
  it.each(ALL_TOPICS)('%s follows the <area>.<past-tense-event>.v<major> naming', (topic) => {
    expect(topic).toMatch(/^(referral|routing|deadline|consent|audit)\.[a-z-]+\.v\d+$/);
  });

  it.each(ALL_TOPICS)('%s golden fixture validates strictly', async (topic) => {
    const result = await validatePayload(topic, fixture(topic), { strict: true });
    expect(result).toEqual(expect.objectContaining({ ok: true }));
  });

  it.each(ALL_TOPICS)('%s golden fixture has exactly the fields of its class', (topic) => {
    expect(Object.keys(fixture(topic)).sort()).toEqual(declaredFields(CONTRACTS[topic]));
  });

  it('refuses a payload with a wrong field type and names the field', async () => {
    const bad = { ...fixture('referral.submitted.v1'), municipalityNumber: 'Drammen' };
    const result = await validatePayload('referral.submitted.v1', bad);
    expect(result).toEqual({ ok: false, violations: [{ field: 'municipalityNumber', rule: 'matches' }] });
  });

  it('refuses unknown fields in strict mode only', async () => {
    const extra = { ...fixture('deadline.met.v1'), nationalId: '01019012345' };
    expect((await validatePayload('deadline.met.v1', extra, { strict: true })).ok).toBe(false);
    expect((await validatePayload('deadline.met.v1', extra)).ok).toBe(true);
  });

  describe('envelope', () => {
    it('golden fixture validates and has exactly the fields of its class', async () => {
      const envelope = fixture('envelope.v1');
      expect(await validateEnvelope(envelope)).toEqual(expect.objectContaining({ ok: true }));
      expect(Object.keys(envelope).sort()).toEqual(declaredFields(EnvelopeV1));
      const payload = await validatePayload(
        'referral.anchor-date-changed.v1',
        envelope.payload as Record<string, unknown>,
        { strict: true },
      );
      expect(payload.ok).toBe(true);
    });

    it('still accepts an envelope without a sequence, from a producer before it existed', async () => {
      const { sequence: _dropped, ...legacy } = fixture('envelope.v1');
      expect(_dropped).toBe(7);
      expect((await validateEnvelope(legacy)).ok).toBe(true);
    });

    it.each([0, -1, 1.5, '7'])('refuses the sequence %p', async (sequence) => {
      const result = await validateEnvelope({ ...fixture('envelope.v1'), sequence });
      expect(result.ok).toBe(false);
    });
  });
});
