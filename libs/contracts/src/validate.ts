import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { EnvelopeV1 } from './envelope';
import { CONTRACTS, Topic } from './registry';

export interface ContractViolation {
  field: string;
  rule: string;
}

function flatten(errors: ValidationError[], prefix = ''): ContractViolation[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.keys(e.constraints ?? {}).map((rule) => ({ field, rule }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const STRICT = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Validates a payload against its contract class. */
export async function validatePayload<T extends Topic>(
  topic: T,
  payload: unknown,
  options: { strict?: boolean } = {},
): Promise<
  { ok: true; value: InstanceType<(typeof CONTRACTS)[T]> } | { ok: false; violations: ContractViolation[] }
> {
  const cls = CONTRACTS[topic];
  if (typeof payload !== 'object' || payload === null) {
    return { ok: false, violations: [{ field: 'payload', rule: 'isObject' }] };
  }
  const instance = plainToInstance(cls as new () => object, payload);
  // Consumers tolerate fields they do not know (a producer may add optional fields to a v1);
  // the contract tests validate strictly so a fixture never drifts from its class.
  const errors = await validate(
    instance,
    options.strict ? STRICT : { whitelist: true, forbidUnknownValues: true },
  );
  if (errors.length > 0) return { ok: false, violations: flatten(errors) };
  return { ok: true, value: instance as InstanceType<(typeof CONTRACTS)[T]> };
}

export async function validateEnvelope(
  raw: unknown,
): Promise<{ ok: true; value: EnvelopeV1 } | { ok: false; violations: ContractViolation[] }> {
  if (typeof raw !== 'object' || raw === null) {
    return { ok: false, violations: [{ field: 'envelope', rule: 'isObject' }] };
  }
  const instance = plainToInstance(EnvelopeV1, raw);
  const errors = await validate(instance, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) return { ok: false, violations: flatten(errors) };
  return { ok: true, value: instance };
}
