import { KeyRingSettings } from './key-ring';

/**
 * The published keys of local development and tests. Anyone can read them here, so they protect
 * nothing: a service in production refuses to start with any of them.
 */
export const DEVELOPMENT_DATA_KEYS: KeyRingSettings = {
  keys: 'dev2026:FX3sxzoxQ0j7DcrtnOLtakLOmg6wfSYwVByvC22wxHA=',
  current: 'dev2026',
  hmacKey: '/54OC/D3jI/YPF5hHBkxIAC/QPhEV1liKcs0wXkkpxY=',
};

const DEVELOPMENT_KEY_MATERIAL = [
  'FX3sxzoxQ0j7DcrtnOLtakLOmg6wfSYwVByvC22wxHA=',
  '/54OC/D3jI/YPF5hHBkxIAC/QPhEV1liKcs0wXkkpxY=',
];

/** Whether the settings use a published development key, for data or for the HMAC. */
export function usesDevelopmentKey(s: Partial<KeyRingSettings>): boolean {
  const material = [
    ...(s.keys ?? '').split(',').map((e) => e.slice(e.indexOf(':') + 1).trim()),
    (s.hmacKey ?? '').trim(),
  ];
  return material.some((m) => DEVELOPMENT_KEY_MATERIAL.includes(m));
}
