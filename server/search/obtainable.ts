// The availableTo / purpose filters of a search: could this caller (or an organisation of a given
// country) obtain the dataset's full data? Memoised per entry and question (docs/design.md §6).
import { ORGANIZATION_TYPE_CODES, PURPOSE_CODES } from '../../schemas/taxonomy';
import { evaluate } from '../policy/evaluate';
import type { Decision, Purpose, Requester } from '../policy/types';
import type { CatalogEntry } from './types';

/** Decisions under which a dataset counts as obtainable (docs/design.md §6 availableTo). */
const OBTAINABLE: ReadonlySet<Decision> = new Set(['allow', 'sign_in_required', 'request_required']);

const MEMO = new WeakMap<CatalogEntry, Map<string, boolean>>();
function memo(entry: CatalogEntry, key: string, compute: () => boolean): boolean {
  let m = MEMO.get(entry);
  if (!m) {
    m = new Map();
    MEMO.set(entry, m);
  }
  let v = m.get(key);
  if (v === undefined) {
    v = compute();
    m.set(key, v);
  }
  return v;
}

/** Does the entry pass the availableTo / purpose filters? */
export function obtainable(entry: CatalogEntry, availableTo: string[], purposesAsked: Purpose[], requester: () => Requester): boolean {
  const purposes = purposesAsked.length ? purposesAsked : (PURPOSE_CODES as readonly Purpose[]);
  if (availableTo.length) {
    return availableTo.some((country) =>
      memo(entry, `to:${country}:${purposes.join(',')}`, () =>
        ORGANIZATION_TYPE_CODES.some((orgType) =>
          purposes.some((purpose) => {
            const r: Requester = { authenticated: true, country, orgType, providerMember: false, reviewer: false, admin: false, grants: [] };
            return OBTAINABLE.has(evaluate(entry.policy, r, purpose, 'full').decision);
          }),
        ),
      ),
    );
  }
  if (!purposesAsked.length) return true;
  const r = requester();
  const compute = () => purposesAsked.some((p) => OBTAINABLE.has(evaluate(entry.policy, r, p, 'full').decision));
  if (r.grants.length) return compute();
  return memo(entry, `me:${r.authenticated}:${r.country}:${r.orgType}:${r.providerMember}:${r.reviewer}:${r.admin}:${purposesAsked.join(',')}`, compute);
}
