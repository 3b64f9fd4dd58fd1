import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Bi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import type { ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { DecisionForm, RevokeForm } from './DecisionForms';
import { RequestHistory, RequestSummary } from './RequestSummary';
import { useAccessDecision } from './useAccessDecision';
import './access-review.css';

/** One access request for a reviewer: what was asked, its history, and the decision form (state in useAccessDecision). */
export default function AccessDecisionPage() {
  const { t } = useTranslation('accessReview');
  const { id } = useParams();
  const { user } = useAuth();
  const [params] = useSearchParams();
  const d = useAccessDecision(id);
  const { req, busy } = d;
  useTitle(t('decision.title'));

  if (d.loading && !req) return <Loading />;
  if (!req) return <ProblemView error={d.loadError} />;

  const undecided = req.status === 'submitted' || req.status === 'under_review';
  const own = !!user && user.id === req.requester.id;
  const backTo = params.get('lang') ? `/review/access?lang=${params.get('lang')}` : '/review/access';

  return (
    <article className="access-review" data-testid="access-decision">
      <p>
        <Link to={backTo}>{t('decision.back')}</Link>
      </p>
      <h1>
        {t('decision.title')}: <Bi text={req.dataset.title} />
      </h1>
      <div ref={d.statusRef} tabIndex={-1} aria-live="polite">
        {d.message && <p className="notice success">{d.message}</p>}
        {d.error && <DecisionProblem error={d.error} />}
      </div>
      <RequestSummary req={req} />
      <RequestHistory req={req} />

      {req.status === 'submitted' && (
        <section className="card">
          <h2>{t('decision.claimHeading')}</h2>
          <p className="muted">{t('decision.claimHint')}</p>
          <button type="button" className="primary" data-testid="claim" disabled={busy} onClick={d.claim}>
            {t('decision.claim')}
          </button>
        </section>
      )}

      {undecided && <DecisionForm form={d.decisionForm} formErrors={d.formErrors} busy={busy} requestedDays={req.durationDays} own={own} />}
      {req.status === 'approved' && <RevokeForm form={d.revokeForm} formErrors={d.formErrors} busy={busy} />}
    </article>
  );
}

/** The server's problem, with a plain explanation for the conflicts a reviewer can meet. */
function DecisionProblem({ error }: { error: ApiError }) {
  const { t } = useTranslation('accessReview');
  const known: Record<string, string> = {
    request_already_decided: t('decision.problems.alreadyDecided'),
    cannot_decide_own_request: t('decision.problems.ownRequest'),
  };
  const explanation = known[error.problem.code];
  return (
    <>
      {explanation && <p className="notice">{explanation}</p>}
      <ProblemView error={error} />
    </>
  );
}
