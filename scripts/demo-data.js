'use strict';
// Demo data for `npm start`: one consented release notice from Drammen fengsel to Drammen, so the
// contact persons' inboxes are not empty. Idempotent: it does nothing when a referral exists.
const { syntheticNationalId } = require('./synthetic-id');

async function call(base, token, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

async function seedDemo(base, tokenFor) {
  const consultant = await tokenFor('consultant-drammen-fengsel');
  const inbox = await call(
    base,
    await tokenFor('cp-drammen-bolig-1'),
    'GET',
    '/api/v1/referrals/inbox?status=all&pageSize=1',
  );
  if (inbox.items.length > 0) return null;
  const nationalId = syntheticNationalId('1985-03-14', 3);
  const today = new Date();
  const consent = await call(base, consultant, 'POST', '/api/v1/consents', {
    nationalId,
    purposes: ['release-housing'],
    receivingOrganisationNumbers: ['100000016', '100000024'],
    validFrom: isoDate(today),
    validTo: isoDate(new Date(today.getTime() + 180 * 86400_000)),
    givenBy: 'person',
    evidenceReference: 'DEMO-ARKIV-2026-0001',
  });
  const referral = await call(base, consultant, 'POST', '/api/v1/referrals/release-notices', {
    nationalId,
    name: 'Demo Person Eksempel',
    expectedReleaseDate: isoDate(new Date(today.getTime() + 45 * 86400_000)),
    municipalityNumber: '3301',
    housingSituation: 'no-home',
    followUpNeeds: ['substance-use', 'finances'],
    consentId: consent.id,
  });
  return referral.id;
}

module.exports = { seedDemo };
