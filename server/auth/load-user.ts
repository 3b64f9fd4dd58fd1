import type { Types } from 'mongoose';
import { Organization } from '../organizations/model';
import type { AuthUser } from '../http/context';
import { User } from './models';

/** Loads an enabled user with their organisation as an AuthUser, or null. */
export async function loadAuthUser(userId: Types.ObjectId): Promise<AuthUser | null> {
  const user = await User.findById(userId).lean();
  if (!user || user.disabled) return null;
  const org = await Organization.findById(user.organizationId).lean();
  if (!org) return null;
  return {
    id: user._id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    locale: user.locale,
    organizationId: org._id,
    organization: {
      id: org._id,
      slug: org.slug,
      name: org.name,
      country: org.country,
      type: org.type,
      nationalReviewer: !!org.nationalReviewer,
    },
  };
}
