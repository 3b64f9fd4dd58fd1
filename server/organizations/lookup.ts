import { Types } from 'mongoose';
import { Organization, type OrganizationDoc } from './model';

/** Loads the organisations with these ids in one query (duplicates ignored), keyed by id string. */
export async function organizationsById(ids: readonly Types.ObjectId[]): Promise<Map<string, OrganizationDoc>> {
  const unique = [...new Set(ids.map(String))].map((s) => new Types.ObjectId(s));
  const orgs = unique.length ? await Organization.find({ _id: { $in: unique } }).lean<OrganizationDoc[]>() : [];
  return new Map(orgs.map((o) => [String(o._id), o]));
}
