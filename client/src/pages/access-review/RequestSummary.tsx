// What a reviewer reads about one access request: who asks what and why, requirements, agreements, outcome and history.
import { ACCESS_AGREEMENTS } from '@schemas/access';
import { labelOf } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { Bi } from '../../components/Bi';
import { useFormat, useLang } from '../../lib/hooks';
import type { AccessRequest } from './types';

/** The request's facts, statement, requirements, accepted agreements and (once decided) outcome. */
export function RequestSummary({ req }: { req: AccessRequest }) {
  const { t } = useTranslation('accessReview');
  const lang = useLang();
  const fmt = useFormat();
  const agreementLabel = (code: string) => ACCESS_AGREEMENTS.find((a) => a.code === code)?.label[lang] ?? code;
  return (
    <section className="card">
      <h2>{t('decision.request')}</h2>
      <dl className="facts">
        <dt>{t('decision.status')}</dt>
        <dd>
          <span className="badge primary">{labelOf('accessRequestStatuses', req.status, lang)}</span>
        </dd>
        <dt>{t('queue.col.requester')}</dt>
        <dd>
          {req.requester.name}
          {req.requester.organization && (
            <>
              {' · '}
              <Bi text={req.requester.organization.name} /> · {req.requester.organization.country}
            </>
          )}
        </dd>
        <dt>{t('queue.col.scope')}</dt>
        <dd>{labelOf('accessScopes', req.scope, lang)}</dd>
        <dt>{t('queue.col.purpose')}</dt>
        <dd>{labelOf('purposes', req.purpose, lang)}</dd>
        <dt>{t('decision.duration')}</dt>
        <dd>{t('decision.days', { count: req.durationDays, n: fmt.number(req.durationDays) })}</dd>
        <dt>{t('queue.col.submitted')}</dt>
        <dd>{fmt.dateTime(req.submittedAt)}</dd>
        <dt>{t('queue.col.age')}</dt>
        <dd>
          {t('queue.age', { age: fmt.number(req.ageDays), sla: fmt.number(req.slaDays) })}
          {req.overdue && <span className="badge danger">{t('queue.overdue')}</span>}
        </dd>
        {req.claimedBy && (
          <>
            <dt>{t('decision.claimedBy')}</dt>
            <dd>{req.claimedBy.name}</dd>
          </>
        )}
        {req.expiresAt && (
          <>
            <dt>{t('decision.expiresAt')}</dt>
            <dd>{fmt.dateTime(req.expiresAt)}</dd>
          </>
        )}
      </dl>
      <h3>{t('decision.statement')}</h3>
      <p className="statement">{req.statement}</p>
      <h3>{t('decision.requirements')}</h3>
      {req.evaluation.requirements.length === 0 ? (
        <p className="muted">{t('decision.noRequirements')}</p>
      ) : (
        <ul>
          {req.evaluation.requirements.map((q) => (
            <li key={q.code}>
              {q.message}
              {q.blocking && <span className="badge warning">{t('decision.blocking')}</span>}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('decision.agreements')}</h3>
      {req.acceptedAgreements.length === 0 ? (
        <p className="muted">{t('decision.noAgreements')}</p>
      ) : (
        <ul>
          {req.acceptedAgreements.map((a) => (
            <li key={a.code}>{t('decision.acceptedAt', { agreement: agreementLabel(a.code), at: fmt.dateTime(a.acceptedAt) })}</li>
          ))}
        </ul>
      )}
      {(req.decisionReason || req.conditions.length > 0 || req.evidence || req.revokeReason) && (
        <>
          <h3>{t('decision.outcome')}</h3>
          <dl className="facts">
            {req.decisionReason && (
              <>
                <dt>{t('decision.reason')}</dt>
                <dd>{req.decisionReason}</dd>
              </>
            )}
            {req.conditions.length > 0 && (
              <>
                <dt>{t('decision.conditions')}</dt>
                <dd>
                  <ul>
                    {req.conditions.map((c, i) => (
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {req.evidence && (
              <>
                <dt>{t('decision.evidence')}</dt>
                <dd>{req.evidence}</dd>
              </>
            )}
            {req.revokeReason && (
              <>
                <dt>{t('decision.revokeReason')}</dt>
                <dd>{req.revokeReason}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}

/** Every status change of the request, with who made it. */
export function RequestHistory({ req }: { req: AccessRequest }) {
  const { t } = useTranslation('accessReview');
  const lang = useLang();
  const fmt = useFormat();
  return (
    <section className="card">
      <h2>{t('decision.history')}</h2>
      <ol className="timeline">
        {req.history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{fmt.dateTime(h.at)}</time> —{' '}
            {t('decision.transition', {
              to: labelOf('accessRequestStatuses', h.to, lang),
              actor: h.bySystem || !h.actor ? t('decision.system') : h.actor.name,
            })}
            {h.note && <p className="muted">{h.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
