import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { KR_TECHNOLOGIES, MODALITIES, PURPOSES, TASKS, US_CET_AREAS, type TaxonomyItem } from '@schemas/taxonomy';
import { Bi } from '../../components/Bi';
import { Loading, ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useLang } from '../../lib/hooks';
import { errorsAt, localiseErrors, mergeErrorMaps, problemErrors, schemaCheck, schemaValidatorReady, type ErrorMap } from '../../lib/validation';
import type { PartnerProfile } from './types';
import './partners.css';

type Capability = keyof PartnerProfile['capabilities'];
const CAPABILITIES: Capability[] = ['canSignDua', 'hasIrb', 'canUseEnclave', 'canObtainExportLicense'];
const EMPTY: PartnerProfile = {
  interests: { usCet: [], krTech: [], modalities: [], tasks: [], keywords: { ko: [], en: [] } },
  purposes: ['research'],
  capabilities: { canSignDua: false, hasIrb: false, canUseEnclave: false, canObtainExportLicense: false },
};

const splitKeywords = (s: string) => [...new Set(s.split(/[,\n]/).map((k) => k.trim()).filter(Boolean))];

/** A group of checkboxes over one enumeration, with its field errors. */
function CodeGroup({ legend, items, value, onChange, errors, testId }: { legend: string; items: readonly TaxonomyItem[]; value: string[]; onChange: (v: string[]) => void; errors?: string[]; testId: string }) {
  const lang = useLang();
  const errId = useId();
  return (
    <fieldset className={errors?.length ? 'field code-group has-error' : 'field code-group'} data-testid={testId} aria-describedby={errors?.length ? errId : undefined}>
      <legend>{legend}</legend>
      <div className="code-options">
        {items.map((item) => (
          <label key={item.code}>
            <input
              type="checkbox"
              value={item.code}
              checked={value.includes(item.code)}
              onChange={(e) => onChange(e.target.checked ? [...value, item.code] : value.filter((c) => c !== item.code))}
            />{' '}
            {item.label[lang]}
          </label>
        ))}
      </div>
      {errors?.length ? (
        <ul className="field-errors" id={errId}>
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** Partner profile editor (members of the organisation and admins). */
export default function PartnerProfilePage() {
  const { t } = useTranslation('matching');
  const { slug = '' } = useParams();
  const [profile, setProfile] = useState<PartnerProfile | null>(null);
  const [org, setOrg] = useState<{ name: { ko?: string; en?: string } } | null>(null);
  const [keywords, setKeywords] = useState({ ko: '', en: '' });
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const koId = useId();
  const enId = useId();

  useEffect(() => {
    const ctrl = new AbortController();
    api<{ name: { ko?: string; en?: string } }>(`/organizations/${encodeURIComponent(slug)}`, { signal: ctrl.signal })
      .then(({ data }) => setOrg(data))
      .catch((err: unknown) => err instanceof ApiError && setProblem(err));
    api<{ profile: PartnerProfile }>(`/organizations/${encodeURIComponent(slug)}/partner-profile`, { signal: ctrl.signal })
      .then(({ data }) => data.profile)
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.problem.code === 'partner_profile_not_found') return EMPTY;
        throw err;
      })
      .then((p) => {
        setProfile(p);
        setKeywords({ ko: (p.interests.keywords?.ko ?? []).join(', '), en: (p.interests.keywords?.en ?? []).join(', ') });
      })
      .catch((err: unknown) => err instanceof ApiError && setProblem(err));
    return () => ctrl.abort();
  }, [slug]);

  if (!profile) return <div className="container">{problem ? <ProblemView error={problem} /> : <Loading />}</div>;

  const setInterests = (patch: Partial<PartnerProfile['interests']>) => setProfile({ ...profile, interests: { ...profile.interests, ...patch } });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setProblem(null);
    const body: PartnerProfile = { ...profile, interests: { ...profile.interests, keywords: { ko: splitKeywords(keywords.ko), en: splitKeywords(keywords.en) } } };
    setBusy(true);
    await schemaValidatorReady;
    const found = schemaCheck('organizations.partnerProfile', body);
    if (found?.length) {
      setErrors(localiseErrors(found));
      setBusy(false);
      return;
    }
    try {
      const { data } = await api<{ profile: PartnerProfile }>(`/organizations/${encodeURIComponent(slug)}/partner-profile`, { method: 'PUT', body });
      setProfile(data.profile);
      setErrors({});
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError) {
        setProblem(err);
        setErrors(mergeErrorMaps(problemErrors(err)));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="container partners-page" data-testid="partner-profile">
      <h1>{t('profile.heading')}</h1>
      {org && (
        <p className="lead">
          <Bi text={org.name} />
        </p>
      )}
      <p className="muted">{t('profile.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <CodeGroup legend={t('profile.usCet')} items={US_CET_AREAS} value={profile.interests.usCet ?? []} onChange={(v) => setInterests({ usCet: v })} errors={errorsAt(errors, '/interests/usCet', true)} testId="profile-usCet" />
        <CodeGroup legend={t('profile.krTech')} items={KR_TECHNOLOGIES} value={profile.interests.krTech ?? []} onChange={(v) => setInterests({ krTech: v })} errors={errorsAt(errors, '/interests/krTech', true)} testId="profile-krTech" />
        <CodeGroup legend={t('profile.modalities')} items={MODALITIES} value={profile.interests.modalities ?? []} onChange={(v) => setInterests({ modalities: v })} errors={errorsAt(errors, '/interests/modalities', true)} testId="profile-modalities" />
        <CodeGroup legend={t('profile.tasks')} items={TASKS} value={profile.interests.tasks ?? []} onChange={(v) => setInterests({ tasks: v })} errors={errorsAt(errors, '/interests/tasks', true)} testId="profile-tasks" />
        <div className={errorsAt(errors, '/interests/keywords/ko', true) ? 'field has-error' : 'field'}>
          <label htmlFor={koId}>{t('profile.keywordsKo')}</label>
          <p className="hint">{t('profile.keywordsHint')}</p>
          <textarea id={koId} lang="ko" rows={2} value={keywords.ko} onChange={(e) => setKeywords({ ...keywords, ko: e.target.value })} />
        </div>
        <div className={errorsAt(errors, '/interests/keywords/en', true) ? 'field has-error' : 'field'}>
          <label htmlFor={enId}>{t('profile.keywordsEn')}</label>
          <p className="hint">{t('profile.keywordsHint')}</p>
          <textarea id={enId} lang="en" rows={2} value={keywords.en} onChange={(e) => setKeywords({ ...keywords, en: e.target.value })} />
        </div>
        <CodeGroup legend={t('profile.purposes')} items={PURPOSES} value={profile.purposes} onChange={(v) => setProfile({ ...profile, purposes: v })} errors={errorsAt(errors, '/purposes', true)} testId="profile-purposes" />
        <fieldset className="field code-group" data-testid="profile-capabilities">
          <legend>{t('profile.capabilities')}</legend>
          <p className="hint">{t('profile.capabilitiesHint')}</p>
          {CAPABILITIES.map((c) => (
            <label key={c} className="capability">
              <input type="checkbox" name={c} checked={profile.capabilities[c]} onChange={(e) => setProfile({ ...profile, capabilities: { ...profile.capabilities, [c]: e.target.checked } })} />{' '}
              {t(`capabilities.${c}`)}
            </label>
          ))}
        </fieldset>
        <ProblemView error={problem} compact />
        {saved && (
          <p className="success" role="status" data-testid="profile-saved">
            {t('profile.saved')}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={busy} data-testid="profile-save">
            {t('profile.save')}
          </button>
          <Link className="button secondary" to={`/partners/${encodeURIComponent(slug)}/matches`}>
            {t('profile.toMatches')}
          </Link>
        </div>
      </form>
    </div>
  );
}
