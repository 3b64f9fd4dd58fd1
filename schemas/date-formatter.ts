// Dates inside messages written for people (issue 13 item 7: "ISO dates inside Korean text"):
// `{{expiresAt, date}}` prints a calendar date or a moment in the message's language through
// Intl ("2026. 3. 1." / "Mar 1, 2026"). Shared by the server's and the client's i18next.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date (Date, ISO string or epoch milliseconds) as `lng` writes it; unreadable values are returned as they are. */
export function formatMessageDate(value: unknown, lng: string | undefined): string {
  if (!(value instanceof Date) && typeof value !== 'string' && typeof value !== 'number') return String(value ?? '');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  // A date-only value is a calendar day, not midnight UTC somewhere else.
  const utc = typeof value === 'string' && DATE_ONLY.test(value);
  const locale = lng?.startsWith('ko') ? 'ko-KR' : 'en-US';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(utc ? { timeZone: 'UTC' } : {}) }).format(date);
}

/** Registers the `date` formatter on an i18next instance. */
export function addDateFormatter(i18n: { services: { formatter?: { add(name: string, fn: (value: unknown, lng: string | undefined, options: unknown) => string): void } } }): void {
  i18n.services.formatter?.add('date', (value, lng) => formatMessageDate(value, lng));
}
