import mongoose, { Schema, type Types } from 'mongoose';
import { changeFeed } from '../infra/change-feed';

export interface BilingualText {
  ko?: string;
  en?: string;
}

export interface OrganizationDoc {
  _id: Types.ObjectId;
  slug: string;
  name: BilingualText;
  country: string;
  type: string;
  website?: string;
  verified: boolean;
  /** Reviewers of this organisation may review any provider's submissions (the national review desk). */
  nationalReviewer: boolean;
  /** Domains whose verified addresses join without approval (checked by platform admins). */
  emailDomains: string[];
  partnerProfile?: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}

const organizationSchema = new Schema<OrganizationDoc>(
  {
    slug: { type: String, required: true },
    name: { type: Schema.Types.Mixed, required: true },
    country: { type: String, required: true },
    type: { type: String, required: true },
    website: String,
    verified: { type: Boolean, default: false },
    nationalReviewer: { type: Boolean, default: false },
    emailDomains: { type: [String], default: [] },
    partnerProfile: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true, minimize: false, collection: 'organizations' },
);
// GET /organizations/{slug} and uniqueness of slugs.
organizationSchema.index({ slug: 1 }, { unique: true });
// GET /organizations?country=&type= listing, ordered by slug.
organizationSchema.index({ country: 1, type: 1, slug: 1 });

// Provider names and slugs appear in catalogue entries: changes reach the search index.
organizationSchema.plugin(changeFeed('organization'));

export const Organization = mongoose.model<OrganizationDoc>('Organization', organizationSchema);
