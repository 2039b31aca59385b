import { readFileSync } from 'fs';
import { join } from 'path';
import { getMetadataStorage } from 'class-validator';
import { ALL_TOPICS, CONTRACTS, Topic } from './registry';
import { validatePayload } from './validate';

function fixture(topic: Topic): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', `${topic}.json`), 'utf8'));
}

function declaredFields(cls: Function): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))].sort();
}

describe('contracts', () => {
  it.each(ALL_TOPICS)('%s follows the <area>.<past-tense-event>.v<major> naming', (topic) => {
    expect(topic).toMatch(/^(referral|routing|deadline|consent)\.[a-z-]+\.v\d+$/);
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
});
