import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf } from '@schemas/taxonomy';
import { useBi } from '../../components/Bi';
import type { Page } from '../../lib/api';
import { useApi, useLang } from '../../lib/hooks';

/** An organisation as `GET /organizations` lists it (the fields the membership forms use). */
export interface OrganizationOption {
  id: string;
  slug: string;
  name: { ko?: string; en?: string };
  country: string;
  type: string;
  /** Verified addresses in these domains join without an approval. */
  emailDomains?: string[];
}

/** Every registered organisation (the catalogue has tens, not thousands: one page holds them). */
export function useOrganizations() {
  return useApi<Page<OrganizationOption>>('/organizations?pageSize=100');
}

type ControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; required?: boolean };

/**
 * A select of organisations: Korean ones first, then US, then the rest, each group sorted by its
 * name in the UI language; the empty choice comes first and reads `emptyLabel`.
 */
export function OrganizationSelect({
  organizations,
  value,
  onChange,
  emptyLabel,
  control,
  name,
  testId,
}: {
  organizations: OrganizationOption[];
  value: string;
  onChange: (slug: string) => void;
  emptyLabel: string;
  control: ControlProps;
  name: string;
  testId?: string;
}) {
  const { t } = useTranslation('account');
  const lang = useLang();
  const bi = useBi();
  const groups = useMemo(() => {
    const order = (c: string) => (c === 'KR' ? 0 : c === 'US' ? 1 : 2);
    const byGroup = new Map<number, OrganizationOption[]>();
    for (const o of organizations) {
      const g = order(o.country);
      byGroup.set(g, [...(byGroup.get(g) ?? []), o]);
    }
    return [...byGroup.entries()]
      .sort(([a], [b]) => a - b)
      .map(([g, list]) => ({
        key: g === 0 ? 'KR' : g === 1 ? 'US' : 'other',
        list: [...list].sort((a, b) => bi(a.name).localeCompare(bi(b.name), lang)),
      }));
  }, [organizations, bi, lang]);

  return (
    <select {...control} name={name} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{emptyLabel}</option>
      {groups.map((g) => (
        <optgroup key={g.key} label={t(`register.countryGroup.${g.key}`)}>
          {g.list.map((o) => (
            <option key={o.slug} value={o.slug}>
              {`${bi(o.name)} (${labelOf('organizationTypes', o.type, lang)})`}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** Words for how an organisation admits people: its admins' approval, or a verified address in a domain it lists. */
export function useJoinRule() {
  const { t } = useTranslation('account');
  return (org: OrganizationOption | undefined): string => {
    if (!org) return t('membership.howJoiningWorks');
    const domains = org.emailDomains ?? [];
    if (!domains.length) return t('membership.ruleApproval');
    return t('membership.ruleDomains', { domains: domains.map((d) => `@${d}`).join(', ') });
  };
}
