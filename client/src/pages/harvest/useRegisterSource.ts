// State of the "register a source" form: values, field errors (own checks and the server's), the
// request and where to go after it (docs/harvesting-client.md "Sources").
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../lib/api';
import { localiseErrors, schemaCheck, schemaValidatorReady, type ErrorMap } from '../../lib/validation';
import type { OrganizationOption } from '../account/OrganizationSelect';
import { showHarvestFailure } from './problem';
import type { HarvestSource, Schedule, SourceCreate, SourceKind } from './types';

export interface RegisterValues {
  nameKo: string;
  nameEn: string;
  kind: SourceKind;
  url: string;
  providerSlug: string;
  schedule: Schedule;
  enabled: boolean;
}

const EMPTY: RegisterValues = { nameKo: '', nameEn: '', kind: 'dcat-us', url: '', providerSlug: '', schedule: 'daily', enabled: true };

/** Owns the register form; `onCreated` receives the new source. */
export function useRegisterSource(organizations: OrganizationOption[], onCreated: (source: HarvestSource) => void) {
  const { t } = useTranslation('harvest');
  const [values, setValues] = useState<RegisterValues>(EMPTY);
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof RegisterValues>(key: K, value: RegisterValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    // An edited field's old message would contradict what is typed now.
    const paths: Record<string, string[]> = { nameKo: ['/name', '/name/ko'], nameEn: ['/name', '/name/en'], url: ['/url'], providerSlug: ['/providerId'], kind: ['/kind'], schedule: ['/schedule'] };
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([p]) => !(paths[key] ?? []).includes(p))));
  };

  /** The form's own checks: what the server would refuse without needing to ask it. */
  const ownChecks = (): ErrorMap => {
    const found: ErrorMap = {};
    if (!values.nameKo.trim() && !values.nameEn.trim()) found['/name'] = [t('register.errors.nameRequired')];
    if (!values.url.trim()) found['/url'] = [t('register.errors.urlRequired')];
    else if (!/^https?:\/\//i.test(values.url.trim())) found['/url'] = [t('register.errors.urlScheme')];
    if (!values.providerSlug) found['/providerId'] = [t('register.errors.providerRequired')];
    return found;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const own = ownChecks();
    if (Object.keys(own).length) {
      setErrors(own);
      return;
    }
    const provider = organizations.find((o) => o.slug === values.providerSlug);
    const name: SourceCreate['name'] = {};
    if (values.nameKo.trim()) name.ko = values.nameKo.trim();
    if (values.nameEn.trim()) name.en = values.nameEn.trim();
    const body: SourceCreate = { name, kind: values.kind, url: values.url.trim(), providerId: provider?.id ?? '', schedule: values.schedule, enabled: values.enabled };
    setBusy(true);
    // The server's own schema (harvest.sourceCreate) first, so a malformed URL is named without a round trip.
    await schemaValidatorReady;
    const found = schemaCheck('harvest.sourceCreate', body);
    if (found?.length) {
      setErrors(localiseErrors(found));
      setBusy(false);
      return;
    }
    setErrors({});
    try {
      const { data } = await api<HarvestSource>('/harvest/sources', { method: 'POST', body });
      setValues(EMPTY);
      onCreated(data);
    } catch (err) {
      showHarvestFailure(err, { setErrors, setProblem });
    } finally {
      setBusy(false);
    }
  };

  return { values, set, errors, problem, busy, submit };
}
