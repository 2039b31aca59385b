const OSLO_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) in Norway at the given instant: a day ends at midnight Oslo time. */
export function osloDate(at: Date): string {
  return OSLO_DATE.format(at);
}

export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant a given Oslo calendar date ends (23:59:59.999 local), DST-aware. */
export function endOfOsloDay(date: string): Date {
  // Midnight Oslo is 22:00 or 23:00 UTC the day before; try both offsets and keep the one that maps back.
  const next = addCalendarDays(date, 1);
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.parse(`${next}T00:00:00Z`) - offsetHours * 3600_000);
    if (osloDate(candidate) === next && osloDate(new Date(candidate.getTime() - 1)) === date) {
      return new Date(candidate.getTime() - 1);
    }
  }
  throw new Error(`cannot resolve end of day ${date} in Europe/Oslo`);
}
