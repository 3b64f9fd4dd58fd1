/** Artifact kinds that count as samples for access purposes (DESIGN §5 Downloads); the rest need full access. */
export const SAMPLE_KINDS = new Set(['sample', 'guideline', 'datacard', 'schema']);

interface Rules {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  disclosure?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  classification?: any;
}

/**
 * Interim download rule for outsiders until the policy engine decides downloads: only public,
 * open data — sample kinds when samples are open, everything when the data itself is open.
 */
export function artifactDownloadAllowed(kind: string, rules: Rules): boolean {
  if (rules.classification?.level !== 'public') return false;
  const d = rules.disclosure;
  if (!d) return false;
  const samplesLevel = d.samplesAccess === 'same_as_data' ? d.accessLevel : d.samplesAccess;
  return SAMPLE_KINDS.has(kind) ? samplesLevel === 'open' : d.accessLevel === 'open';
}
