import { FieldCipher, installedFieldCipher, installFieldCipher, parseKeyRing } from '@overgang/crypto';
import { IdempotencyBodySealer } from '@overgang/web';
import { ReferralServiceEnv } from '../../config/env.schema';

/** The injection token of the service's cipher (the one its sealed columns use). */
export const FIELD_CIPHER = Symbol('FIELD_CIPHER');

/** Builds the key ring of the environment (validated at start) and makes it the process's cipher. */
export function installDataKeys(env: ReferralServiceEnv): FieldCipher {
  const cipher = new FieldCipher(
    parseKeyRing({ keys: env.DATA_KEYS, current: env.DATA_KEY_CURRENT, hmacKey: env.DATA_HMAC_KEY }),
  );
  installFieldCipher(cipher);
  return cipher;
}

/**
 * The keyed hash of a national ID, as the referral and consent tables store it: how anything in this
 * service finds a person's rows without the ID in clear text.
 */
export function personKey(nationalId: string): string {
  return installedFieldCipher().personKey(nationalId);
}

const ANSWER_CONTEXT = 'idempotency_key.response_body';

/** Seals the answers the idempotency table keeps (an upload's answer names its file). */
export function idempotencyAnswerSealer(cipher: FieldCipher): IdempotencyBodySealer {
  return {
    seal: (json) => cipher.sealText(json, ANSWER_CONTEXT),
    open: (sealed) => cipher.openText(sealed, ANSWER_CONTEXT),
  };
}
