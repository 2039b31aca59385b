import { FYLKER_2024, KOMMUNER_2024 } from './kommuner.data';

/** Four digits whose first two are one of the counties from 1 January 2024; says nothing about whether the municipality exists. */
export function isWellFormedKommunenummer(value: string): boolean {
  return typeof value === 'string' && /^\d{4}$/.test(value) && FYLKER_2024.has(value.slice(0, 2));
}

export function isKnownKommunenummer(value: string): boolean {
  return typeof value === 'string' && KOMMUNER_2024.has(value);
}

export function kommuneName(value: string): string | null {
  return (typeof value === 'string' && KOMMUNER_2024.get(value)) || null;
}

export function fylkeName(value: string): string | null {
  return (typeof value === 'string' && FYLKER_2024.get(value.slice(0, 2))) || null;
}
