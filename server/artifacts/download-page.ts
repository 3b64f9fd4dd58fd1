// A download refused to a person in a browser is a page, never a raw problem body (docs/design.md §5
// Downloads, issue 13 item 2): navigations to the download API are sent to the client's file
// page, which asks the same API for JSON and shows the engine's reason and the next step.
import type { Request } from 'express';

/** True when the request is a browser navigation: it prefers HTML to JSON and did not ask for `?format=json`. */
export function prefersPage(req: Request): boolean {
  if (req.query.format === 'json') return false;
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/** The client route that explains (or starts) the download of one file, keeping the purpose and the language asked for. */
export function refusalPagePath(datasetIdOrSlug: string, artifactId: string, query: Request['query']): string {
  const path = `/datasets/${encodeURIComponent(datasetIdOrSlug)}/files/${encodeURIComponent(artifactId)}`;
  const kept = new URLSearchParams();
  if (typeof query.purpose === 'string' && query.purpose) kept.set('purpose', query.purpose);
  if (query.lang === 'ko' || query.lang === 'en') kept.set('lang', query.lang);
  return kept.size ? `${path}?${kept}` : path;
}
