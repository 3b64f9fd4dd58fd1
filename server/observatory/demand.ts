// Demand from the United States: access requests made by members of organisations whose country
// is US, counted per requested dataset in the database (docs/observatory.md "Demand"). Only counts
// leave this file; which datasets the caller may see, and suppression, are the route's concern.
import type { Types } from 'mongoose';
import { AccessRequest } from '../access/model';
import { Organization } from '../organizations/model';
import type { DatasetDemand } from './aggregate';

// A request that was granted at some point: approved, then possibly expired or revoked.
const GRANTED = ['approved', 'expired', 'revoked'];

interface GroupRow {
  _id: { d: Types.ObjectId; s: string };
  n: number;
}

/**
 * Access requests (not enclave bookings) from US organisations per dataset, submitted at or after
 * `since` when given: `$match` then `$group` by dataset and status (the portable aggregation subset).
 */
export async function usDemand(since: Date | null): Promise<DatasetDemand[]> {
  const orgs = await Organization.find({ country: 'US' }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
  if (orgs.length === 0) return [];
  const match: Record<string, unknown> = { requesterOrgId: { $in: orgs.map((o) => o._id) }, kind: 'access' };
  if (since) match.submittedAt = { $gte: since };
  const rows = await AccessRequest.aggregate<GroupRow>([
    { $match: match },
    { $group: { _id: { d: '$datasetId', s: '$status' }, n: { $sum: 1 } } },
  ]);
  const byDataset = new Map<string, DatasetDemand>();
  for (const row of rows) {
    const datasetId = String(row._id.d);
    const d = byDataset.get(datasetId) ?? { datasetId, requests: 0, approved: 0 };
    d.requests += row.n;
    if (GRANTED.includes(row._id.s)) d.approved += row.n;
    byDataset.set(datasetId, d);
  }
  return [...byDataset.values()];
}
