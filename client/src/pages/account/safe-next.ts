/**
 * The path to return to after signing in: only a same-origin relative path is accepted, so a
 * crafted `?next=https://evil.example` or `//evil.example` can never send the user elsewhere.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  try {
    const base = window.location.origin;
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    // Never bounce back to the sign-in page itself.
    if (url.pathname === '/signin') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
