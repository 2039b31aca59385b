import { DEVELOPMENT_DATA_KEYS, FieldCipher, parseKeyRing } from '@overgang/crypto';

const cipher = new FieldCipher(parseKeyRing(DEVELOPMENT_DATA_KEYS));

/** The person key the services store for a national ID under the development keys (what tests run with). */
export function personKeyOf(nationalId: string): string {
  return cipher.personKey(nationalId);
}
