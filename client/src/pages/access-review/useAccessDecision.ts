// The access decision page's state: the request, the decision and revocation forms, and sending them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api';
import { useApi, useFormat } from '../../lib/hooks';
import type { AccessRequest } from './types';

export type Decision = 'approve' | 'reject' | 'request_changes';
const EVIDENCE_CODES = ['export_license', 'government_approval'];
const DAY = 86_400_000;

/** Form fields of the server's field-error paths (`/expiresAt` → the expiry field). */
const SERVER_FIELDS: Record<string, string> = { reason: 'reason', expiresAt: 'expires', evidence: 'evidence', conditions: 'conditions' };

/** YYYY-MM-DD of a date in local time (for date inputs). */
function ymd(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The end of a chosen day (local), as an ISO instant. */
export function endOfDay(value: string): string {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 0).toISOString();
}

/**
 * Loads one access request and holds the reviewer's forms: claim, decide (reason, conditions and,
 * for an approval, expiry and evidence) and revoke. Local checks first; the server's field errors
 * go to the fields they name, anything else stays a problem.
 */
export function useAccessDecision(id: string | undefined) {
  const { t } = useTranslation('accessReview');
  const fmt = useFormat();
  const { data: loaded, error: loadError, loading } = useApi<AccessRequest>(`/access-requests/${id}`);
  const [req, setReq] = useState<AccessRequest | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [decision, setDecision] = useState<Decision>('approve');
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState<string[]>([]);
  // Filled with the requested duration (capped by maxGrantDays) once the request is loaded, as the server defaults it.
  const [expires, setExpires] = useState('');
  const [evidence, setEvidence] = useState('');
  const [revokeReason, setRevokeReason] = useState('');
  const [formErrors, setFormErrors] = useState<Record<string, string[]>>({});
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!loaded) return;
    setReq(loaded);
    const max = loaded.evaluation.maxGrantDays ?? loaded.durationDays;
    setExpires((current) => current || ymd(new Date(Date.now() + Math.min(loaded.durationDays, max) * DAY)));
  }, [loaded]);

  const maxDays = req?.evaluation.maxGrantDays ?? null;
  const maxDate = maxDays ? ymd(new Date(Date.now() + maxDays * DAY)) : undefined;
  const minDate = ymd(new Date(Date.now() + DAY));
  const needsEvidence = !!req?.evaluation.requirements.some((q) => EVIDENCE_CODES.includes(q.code));

  const run = async (path: string, body: unknown, done: string) => {
    if (!req) return;
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const { data } = await api<AccessRequest>(`/access-requests/${req.id}/${path}`, { method: 'POST', body });
      setReq(data);
      setMessage(done);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' });
      // The server's field errors go to the fields they name; only what names no field of this form stays a problem box.
      const byField: Record<string, string[]> = {};
      let unplaced = false;
      for (const [path, messages] of Object.entries(apiErr.fieldErrors())) {
        const field = SERVER_FIELDS[path.split('/')[1] ?? ''];
        if (field) byField[field] = [...(byField[field] ?? []), ...messages];
        else unplaced = true;
      }
      setFormErrors(byField);
      setError(Object.keys(byField).length && !unplaced ? null : apiErr);
    } finally {
      setBusy(false);
      statusRef.current?.focus();
    }
  };

  const claim = () => void run('claim', undefined, t('decision.claimed'));

  const submitDecision = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string[]> = {};
    if (!reason.trim()) errs.reason = [t('decision.errors.reasonRequired')];
    if (decision === 'approve') {
      if (!expires) errs.expires = [t('decision.errors.expiresRequired')];
      else if (maxDate && expires > maxDate) errs.expires = [t('decision.errors.expiresTooLate', { date: fmt.date(endOfDay(maxDate)) })];
      if (needsEvidence && !evidence.trim()) errs.evidence = [t('decision.errors.evidenceRequired')];
    }
    setFormErrors(errs);
    if (Object.keys(errs).length) return;
    const body: Record<string, unknown> = { decision, reason: reason.trim() };
    const conds = conditions.map((c) => c.trim()).filter(Boolean);
    if (conds.length) body.conditions = conds;
    if (decision === 'approve') {
      // The end of the chosen day, but never past the dataset's longest grant counted from now: the
      // last allowed day (the default when the longest period was requested) would otherwise be refused.
      const chosen = new Date(endOfDay(expires)).getTime();
      body.expiresAt = new Date(maxDays ? Math.min(chosen, Date.now() + maxDays * DAY) : chosen).toISOString();
      if (evidence.trim()) body.evidence = evidence.trim();
    }
    void run('decision', body, t('decision.done'));
  };

  const submitRevoke = (e: FormEvent) => {
    e.preventDefault();
    if (!revokeReason.trim()) {
      setFormErrors({ revoke: [t('decision.errors.reasonRequired')] });
      return;
    }
    setFormErrors({});
    void run('revoke', { reason: revokeReason.trim() }, t('decision.revoked'));
  };

  return {
    req,
    loading,
    loadError,
    error,
    message,
    busy,
    statusRef,
    formErrors,
    claim,
    decisionForm: {
      decision,
      setDecision,
      reason,
      setReason,
      conditions,
      setConditions,
      expires,
      setExpires,
      evidence,
      setEvidence,
      maxDays,
      maxDate,
      minDate,
      needsEvidence,
      submit: submitDecision,
    },
    revokeForm: { reason: revokeReason, setReason: setRevokeReason, submit: submitRevoke },
  };
}

/** The decision form's state and actions, as useAccessDecision gives them. */
export type DecisionFormState = ReturnType<typeof useAccessDecision>['decisionForm'];
/** The revocation form's state and action. */
export type RevokeFormState = ReturnType<typeof useAccessDecision>['revokeForm'];
