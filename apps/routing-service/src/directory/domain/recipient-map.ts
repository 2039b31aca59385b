import { POSSIBLE_RECEIVERS, ReferralType } from '@overgang/contracts';
import { DirectorySnapshot } from './directory';
import { Party, resolveParties } from './receiving-parties';

export interface RecipientMapEntry {
  referralType: ReferralType;
  municipalityNumber: string;
  recipients: Party[];
}

/** Every (type, municipality) pair the directory can route today, for the referral service's consent check. */
export function buildRecipientMap(
  dir: DirectorySnapshot,
  types: readonly ReferralType[],
): RecipientMapEntry[] {
  const entries: RecipientMapEntry[] = [];
  const municipalities = dir.organisations
    .filter((o) => o.type === 'municipality' && o.municipalityNumber)
    .map((o) => o.municipalityNumber as string)
    .sort();
  for (const municipalityNumber of municipalities) {
    for (const referralType of types) {
      const recipients = POSSIBLE_RECEIVERS[referralType].flatMap((kind) => {
        const r = resolveParties(dir, referralType, municipalityNumber, [kind]);
        return r.ok ? r.parties : [];
      });
      if (recipients.length > 0) entries.push({ referralType, municipalityNumber, recipients });
    }
  }
  return entries;
}
