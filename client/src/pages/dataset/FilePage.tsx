import { labelOf } from '@schemas/taxonomy';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import type { ArtifactView } from './types';

/** The refusal the download API answers with (docs/design.md §5 Downloads): the engine's decision, explained. */
interface Refusal {
  decision: 'sign_in_required' | 'request_required' | 'enclave_only' | 'deny';
  scope: 'samples' | 'full';
  purpose: string;
  reasons: { code: string; message: string }[];
  requirements: { code: string; message: string; blocking: boolean }[];
}

/** The caller's grants and requests on the dataset (`GET /datasets/{id}/my-access`), as far as this page needs them. */
interface MyAccess {
  ended: { scope: string; purpose: string; status: 'expired' | 'revoked'; endedAt: string; link: string }[];
  open: { scope: string; purpose: string; status: string; link: string }[];
}

type Outcome =
  { state: 'loading' } | { state: 'allowed'; url: string } | { state: 'refused'; refusal: Refusal } | { state: 'error'; error: ApiError };

/**
 * `/datasets/:slug/files/:artifactId`: where download links lead. Asks the download API for a
 * short-lived URL and starts the download; when the policy engine refuses, explains why in the
 * reader's language with the next step (sign in, request access, request again after expiry)
 * instead of the raw problem body (issue 13 item 2).
 */
export default function FilePage() {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const bi = useBi();
  const fmt = useFormat();
  const { user, loading: authLoading } = useAuth();
  const location = useLocation();
  const { slug = '', artifactId = '' } = useParams();
  const [params] = useSearchParams();
  const purpose = params.get('purpose') ?? '';
  const { data: dataset } = useApi<{ id: string; slug: string; title: { ko?: string; en?: string }; artifacts: ArtifactView[] }>(
    `/datasets/${encodeURIComponent(slug)}`,
  );
  const { data: mine } = useApi<MyAccess>(user ? `/datasets/${encodeURIComponent(slug)}/my-access` : null);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'loading' });
  // The download starts once; asking again (another language) only refreshes the explanation.
  const started = useRef(false);
  const file = dataset?.artifacts?.find((a) => a.id === artifactId);
  useTitle(file ? t('file.title', { filename: file.filename }) : t('file.heading'));

  useEffect(() => {
    if (authLoading) return;
    const ctrl = new AbortController();
    const query = new URLSearchParams({ format: 'json', ...(purpose ? { purpose } : {}) });
    api<{ url: string }>(`/datasets/${encodeURIComponent(slug)}/artifacts/${encodeURIComponent(artifactId)}/download?${query}`, {
      signal: ctrl.signal,
    })
      .then(({ data }) => {
        setOutcome({ state: 'allowed', url: data.url });
        if (!started.current) window.location.assign(data.url);
        started.current = true;
      })
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        const error = err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' });
        if (error.problem.code === 'download_not_allowed') setOutcome({ state: 'refused', refusal: error.problem as unknown as Refusal });
        else setOutcome({ state: 'error', error });
      });
    return () => ctrl.abort();
  }, [slug, artifactId, purpose, user, authLoading, lang]);

  const datasetPath = `/datasets/${encodeURIComponent(dataset?.slug ?? slug)}`;
  const back = (
    <p>
      <Link to={datasetPath}>{dataset ? t('file.backTo', { title: bi(dataset.title) || dataset.slug }) : t('file.back')}</Link>
    </p>
  );

  if (outcome.state === 'loading') return <Loading />;
  if (outcome.state === 'allowed') {
    return (
      <section className="page-error" data-testid="file-page" data-outcome="allowed">
        <h1>{file ? t('file.title', { filename: file.filename }) : t('file.heading')}</h1>
        <p role="status">{t('file.starting')}</p>
        <p>
          <a href={outcome.url}>{t('file.startManually')}</a>
        </p>
        {back}
      </section>
    );
  }
  if (outcome.state === 'error') {
    return (
      <section className="page-error" data-testid="file-page" data-outcome="error">
        <h1>{outcome.error.status === 404 ? t('file.notFound') : t('file.heading')}</h1>
        <ProblemView error={outcome.error} />
        {back}
      </section>
    );
  }

  const { refusal } = outcome;
  const needed = refusal.scope;
  const covers = (scope: string) => scope === 'full' || scope === needed;
  const ended = mine?.ended?.find((g) => covers(g.scope) && g.purpose === refusal.purpose);
  const pending = mine?.open?.find((r) => covers(r.scope) && r.purpose === refusal.purpose);
  const here = location.pathname + location.search;
  const requestPath = `${datasetPath}/request?scope=${needed}&purpose=${encodeURIComponent(refusal.purpose)}`;

  return (
    <section
      className="page-error"
      data-testid="file-page"
      data-outcome="refused"
      data-decision={refusal.decision}
      aria-labelledby="file-refusal-title"
    >
      <h1 id="file-refusal-title">
        {ended && (refusal.decision === 'request_required' || refusal.decision === 'enclave_only') ? t('file.endedTitle') : t('file.refusedTitle')}
      </h1>
      {file && (
        <p className="muted">
          {t('file.which', { filename: file.filename, kind: labelOf('artifactKinds', file.kind, lang), size: fmt.bytes(file.bytes) })}
        </p>
      )}
      {/* An access that ended is the reason itself: it comes first, before what the file needs in general. */}
      {ended && (refusal.decision === 'request_required' || refusal.decision === 'enclave_only') && (
        <p className="notice warning" data-testid="file-expired">
          {t(ended.status === 'revoked' ? 'file.revokedOn' : 'file.expiredOn', { date: fmt.date(ended.endedAt) })}
        </p>
      )}
      <p data-testid="file-refusal-lead">{t(`file.lead.${refusal.decision}`, { scope: labelOf('accessScopes', needed, lang) })}</p>
      {refusal.reasons.length > 0 && (
        <>
          <h2>{t('file.reasons')}</h2>
          <ul data-testid="file-reasons">
            {refusal.reasons.map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
          </ul>
        </>
      )}
      {refusal.requirements.length > 0 && (
        <>
          <h2>{t('file.requirements')}</h2>
          <ul data-testid="file-requirements">
            {refusal.requirements.map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('file.nextStep')}</h2>
      {refusal.decision === 'sign_in_required' && (
        <p className="actions">
          <Link className="button primary" data-testid="file-sign-in" to={`/signin?next=${encodeURIComponent(here)}`}>
            {t('file.signIn')}
          </Link>
          <Link className="button secondary" to="/register">
            {t('file.register')}
          </Link>
        </p>
      )}
      {(refusal.decision === 'request_required' || refusal.decision === 'enclave_only') && (
        <>
          {pending ? (
            <p data-testid="file-pending">
              {t('file.pending')} <Link to={pending.link}>{t('file.openRequest')}</Link>
            </p>
          ) : user ? (
            <p className="actions">
              <Link className="button primary" data-testid="file-request" to={requestPath}>
                {ended ? t('file.requestAgain') : t('file.request')}
              </Link>
            </p>
          ) : (
            <p className="actions">
              <Link className="button primary" data-testid="file-sign-in" to={`/signin?next=${encodeURIComponent(requestPath)}`}>
                {t('file.signInToRequest')}
              </Link>
            </p>
          )}
        </>
      )}
      {refusal.decision === 'deny' && <p>{t('file.denied')}</p>}
      {back}
    </section>
  );
}
