import type { ValueTransformer } from 'typeorm';
import { FieldCipher } from './field-cipher';

let installed: FieldCipher | null = null;

/**
 * The process's cipher for sealed columns. Column transformers are fixed when the entity class is
 * declared, so the service installs its key ring once at start, before its data source opens.
 */
export function installFieldCipher(cipher: FieldCipher): void {
  installed = cipher;
}

export function installedFieldCipher(): FieldCipher {
  if (!installed) throw new Error('No data key ring installed: call installFieldCipher at start.');
  return installed;
}

const isMissing = (v: unknown): v is null | undefined => v === null || v === undefined;

/** A text column stored sealed; `context` is the table and column, e.g. `referral.person_name`. */
export function sealedText(context: string): ValueTransformer {
  return {
    to: (v: unknown) => (isMissing(v) ? v : installedFieldCipher().sealText(v as string, context)),
    from: (v: unknown) => (isMissing(v) ? null : installedFieldCipher().openText(v as string, context)),
  };
}

/** A JSON value stored sealed in a text column; `empty` is what an erased (null) value reads as. */
export function sealedJson<T>(context: string, empty: () => T | null = () => null): ValueTransformer {
  return {
    to: (v: unknown) => (isMissing(v) ? v : installedFieldCipher().sealText(JSON.stringify(v), context)),
    from: (v: unknown) =>
      isMissing(v) ? empty() : (JSON.parse(installedFieldCipher().openText(v as string, context)) as T),
  };
}

/** A bytea column stored sealed. */
export function sealedBytes(context: string): ValueTransformer {
  return {
    to: (v: unknown) => (isMissing(v) ? v : installedFieldCipher().sealBytes(v as Buffer, context)),
    from: (v: unknown) => (isMissing(v) ? null : installedFieldCipher().openBytes(v as Buffer, context)),
  };
}
