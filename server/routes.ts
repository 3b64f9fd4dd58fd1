import type { RouteDef } from './http/route';
import { authRoutes } from './auth/routes';
import { userRoutes } from './auth/user-routes';
import { organizationRoutes } from './organizations/routes';
import { partnerProfileRoutes } from './organizations/partner-profile';
import { memberRoutes } from './organizations/member-routes';
import { datasetRoutes } from './datasets/routes';
import { searchRoutes } from './search/routes';
import { artifactRoutes } from './artifacts/routes';
import { labelingRoutes } from './labeling/routes';
import { taxonomyRoutes } from './taxonomies/routes';
import { accessRoutes } from './access/routes';
import { notificationRoutes } from './notifications/routes';
import { auditRoutes } from './audit/routes';
import { policyRoutes } from './policy/routes';
import { matchingRoutes } from './matching/routes';
import { interopRoutes } from './interop/routes';
import { citationRoutes } from './citation/routes';
import { importRoutes } from './import/routes';
import { harvestRoutes } from './harvest/routes';
import { openApiRoute } from './interop/openapi-route';
import { statsRoutes } from './stats/routes';
import { observatoryRoutes } from './observatory/routes';

/**
 * Every API route, each declaring its permission (a test walks this list and the Express stack)
 * and its answers (the OpenAPI document, built from this list, describes them).
 */
export const allRoutes: RouteDef[] = [
  ...authRoutes,
  ...userRoutes,
  ...organizationRoutes,
  ...partnerProfileRoutes,
  ...memberRoutes,
  // Before datasetRoutes: `/datasets/suggest` must not be read as a dataset slug.
  ...searchRoutes,
  ...datasetRoutes,
  ...artifactRoutes,
  ...labelingRoutes,
  ...taxonomyRoutes,
  ...accessRoutes,
  ...notificationRoutes,
  ...auditRoutes,
  ...policyRoutes,
  ...matchingRoutes,
  ...interopRoutes,
  ...citationRoutes,
  ...importRoutes,
  ...harvestRoutes,
  ...observatoryRoutes,
  ...statsRoutes,
  openApiRoute(() => allRoutes),
];
