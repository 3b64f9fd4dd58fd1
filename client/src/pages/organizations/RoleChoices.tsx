import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_ROLE_CODES } from '@schemas/user';
import { labelOf } from '@schemas/taxonomy';
import { useLang } from '../../lib/hooks';
import type { Grant, OrganizationRole } from './types';

/** The organisation roles of a set of roles (a platform admin's `admin` is not the organisation's to change). */
export function organizationRoles(roles: readonly string[]): OrganizationRole[] {
  return ORGANIZATION_ROLE_CODES.filter((r) => roles.includes(r));
}

/**
 * Tick boxes for the organisation roles a member holds and the organisation-admin flag, with what
 * each one allows. `lockAdmin` keeps an organisation admin from taking their own admin flag away.
 */
export function RoleChoices({
  value,
  onChange,
  errors,
  lockAdmin,
  who,
}: {
  value: Grant;
  onChange: (grant: Grant) => void;
  errors?: string[];
  lockAdmin?: boolean;
  /** The person's name, so each group's accessible name says whose roles these are. */
  who: string;
}) {
  const { t } = useTranslation('members');
  const lang = useLang();
  const id = useId();
  const toggle = (role: OrganizationRole, on: boolean) => onChange({ ...value, roles: ORGANIZATION_ROLE_CODES.filter((r) => (r === role ? on : value.roles.includes(r))) });
  return (
    <div className="role-choices">
      <fieldset className={errors?.length ? 'roles-fieldset has-error' : 'roles-fieldset'} aria-describedby={errors?.length ? `${id}-err` : undefined}>
        <legend>{t('roles.legend', { name: who })}</legend>
        <ul className="choices">
          {ORGANIZATION_ROLE_CODES.map((r) => (
            <li key={r}>
              <label className="choice">
                <input type="checkbox" checked={value.roles.includes(r)} onChange={(e) => toggle(r, e.target.checked)} data-testid={`role-${r}`} />
                <span>
                  {labelOf('roles', r, lang)}
                  <span className="choice-hint">{t(`roles.hint.${r}`)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {errors?.length ? (
          <ul className="field-errors" id={`${id}-err`}>
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <label className="choice org-admin-choice">
        <input type="checkbox" checked={value.orgAdmin} disabled={lockAdmin} onChange={(e) => onChange({ ...value, orgAdmin: e.target.checked })} data-testid="org-admin" aria-describedby={`${id}-admin-hint`} />
        <span>
          {t('roles.orgAdmin')}
          <span className="choice-hint" id={`${id}-admin-hint`}>
            {lockAdmin ? t('roles.orgAdminSelf') : t('roles.orgAdminHint')}
          </span>
        </span>
      </label>
    </div>
  );
}
