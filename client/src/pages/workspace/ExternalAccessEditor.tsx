import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXTERNAL_ACCESS_KINDS, EXTERNAL_ACCESS_MAX, EXTERNAL_ACCESS_TEXT_MAX, type ExternalAccess } from '@schemas/dataset';
import { Field } from '../../components/Field';
import { ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import type { WorkingDataset } from './types';
import '../dataset/your-access.css';

type Kind = (typeof EXTERNAL_ACCESS_KINDS)[number];
interface Row {
  id: string;
  kind: Kind;
  url: string;
  ko: string;
  en: string;
}

const toRows = (list: readonly ExternalAccess[] | undefined): Row[] =>
  (list ?? []).map((e) => ({ id: e.id, kind: e.kind, url: e.url ?? '', ko: e.text.ko, en: e.text.en }));

/** The `externalAccess` list of a PATCH: empty fields left out, so the server names what is missing. */
function toList(rows: Row[]) {
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    ...(r.url.trim() ? { url: r.url.trim() } : {}),
    text: { ...(r.ko.trim() ? { ko: r.ko.trim() } : {}), ...(r.en.trim() ? { en: r.en.trim() } : {}) },
  }));
}

/** A new entry id: short, lower-case, unique enough within one dataset's list. */
const newId = () => `ea-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Files step of the guided editor: ways to the full data held outside the catalogue (provider
 * SFTP, an enclave booking). Saved with its own PATCH of `externalAccess` (If-Match), so the
 * form's other fields are untouched; like files, the entries go public with the next approved
 * version and are shown only to people the rules allow the full data (docs/design.md §3).
 */
export default function ExternalAccessEditor({
  dataset,
  readOnly,
  onSaved,
}: {
  dataset: WorkingDataset;
  readOnly: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation('workspace');
  const headingId = useId();
  const [rows, setRows] = useState<Row[]>(() => toRows(dataset.externalAccess));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedNote, setSavedNote] = useState(false);
  const stored = JSON.stringify(toList(toRows(dataset.externalAccess)));
  const dirty = JSON.stringify(toList(rows)) !== stored;

  // Another tab or a reload brought a new list: show it unless the provider is editing this one.
  useEffect(() => {
    if (!dirty) setRows(toRows(dataset.externalAccess));
    // Only a change of the stored list matters here.
  }, [stored]);

  const update = (i: number, patch: Partial<Row>) => {
    setSavedNote(false);
    setRows((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };

  const save = async () => {
    setBusy(true);
    setProblem(null);
    setSavedNote(false);
    try {
      await api(`/datasets/${encodeURIComponent(dataset.id)}`, {
        method: 'PATCH',
        body: { externalAccess: rows.length ? toList(rows) : null },
        headers: dataset.etag ? { 'if-match': dataset.etag } : undefined,
      });
      setErrors({});
      setSavedNote(true);
      onSaved();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' });
      setErrors(apiErr.fieldErrors());
      setProblem(apiErr);
    } finally {
      setBusy(false);
    }
  };

  const at = (i: number, field: string) => errors[`/externalAccess/${i}${field}`];

  return (
    <section className="card external-access-editor" aria-labelledby={headingId} data-testid="external-access-editor">
      <h2 id={headingId}>{t('externalAccess.heading')}</h2>
      <p className="hint">{t('externalAccess.intro')}</p>
      {rows.length === 0 && <p className="muted">{t('externalAccess.none')}</p>}
      <fieldset className="plain" disabled={readOnly || busy}>
        <ol className="external-access-rows">
          {rows.map((r, i) => (
            <li key={r.id} data-testid="external-access-row">
              <Field label={t('externalAccess.kind')} errors={at(i, '/kind')}>
                {(p) => (
                  <select
                    {...p}
                    value={r.kind}
                    onChange={(e) => update(i, { kind: e.target.value as Kind })}
                    data-testid="external-access-kind"
                  >
                    {EXTERNAL_ACCESS_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`externalAccess.kinds.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('externalAccess.url')} hint={t('externalAccess.urlHint')} errors={at(i, '/url')} required={r.kind === 'url'}>
                {(p) => (
                  <input
                    {...p}
                    type="url"
                    inputMode="url"
                    value={r.url}
                    placeholder={t('externalAccess.urlPlaceholder')}
                    onChange={(e) => update(i, { url: e.target.value })}
                    data-testid="external-access-url"
                  />
                )}
              </Field>
              <Field
                label={t('externalAccess.textKo')}
                hint={t('externalAccess.textHint')}
                errors={[...(at(i, '/text') ?? []), ...(at(i, '/text/ko') ?? [])]}
                required
              >
                {(p) => (
                  <textarea
                    {...p}
                    lang="ko"
                    rows={3}
                    maxLength={EXTERNAL_ACCESS_TEXT_MAX}
                    value={r.ko}
                    onChange={(e) => update(i, { ko: e.target.value })}
                    data-testid="external-access-ko"
                  />
                )}
              </Field>
              <Field label={t('externalAccess.textEn')} errors={at(i, '/text/en')} required>
                {(p) => (
                  <textarea
                    {...p}
                    lang="en"
                    rows={3}
                    maxLength={EXTERNAL_ACCESS_TEXT_MAX}
                    value={r.en}
                    onChange={(e) => update(i, { en: e.target.value })}
                    data-testid="external-access-en"
                  />
                )}
              </Field>
              {at(i, '/id') && (
                <ul className="field-errors">
                  {at(i, '/id')!.map((m, k) => (
                    <li key={k}>{m}</li>
                  ))}
                </ul>
              )}
              <button type="button" className="secondary" onClick={() => setRows((list) => list.filter((_, j) => j !== i))}>
                {t('externalAccess.remove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ol>
        {errors['/externalAccess'] && (
          <ul className="field-errors">
            {errors['/externalAccess'].map((m, k) => (
              <li key={k}>{m}</li>
            ))}
          </ul>
        )}
        <p className="actions">
          {rows.length < EXTERNAL_ACCESS_MAX && (
            <button
              type="button"
              className="secondary"
              data-testid="external-access-add"
              onClick={() => setRows((list) => [...list, { id: newId(), kind: 'instructions', url: '', ko: '', en: '' }])}
            >
              {t('externalAccess.add')}
            </button>
          )}
          <button type="button" className="button" disabled={!dirty} onClick={() => void save()} data-testid="external-access-save">
            {busy ? t('externalAccess.saving') : t('externalAccess.save')}
          </button>
        </p>
      </fieldset>
      <div aria-live="polite">
        {savedNote && <p className="notice success">{t('externalAccess.saved')}</p>}
        {problem && !Object.keys(errors).length && <ProblemView error={problem} compact />}
        {problem && Object.keys(errors).length > 0 && <p className="problem">{t('externalAccess.fix')}</p>}
      </div>
    </section>
  );
}
