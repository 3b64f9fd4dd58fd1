import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTitle } from '../../components/Layout';
import { ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useFormat, useLang } from '../../lib/hooks';
import type { ImportReport } from '@schemas/responses';
import './workspace.css';

/** The import report of the API (`POST /import`), also carried by a 422 `import_rejected` problem (schemas/responses/misc.ts). */
type ImportRowError = ImportReport['errors'][number];

/** Where the problem is: the CSV column(s) a person typed into, else the field's JSON path. */
function ErrorPlace({ error }: { error: ImportRowError }) {
  const columns = error.columns ?? (error.column ? [error.column] : []);
  if (!columns.length) return <code>{error.path || '/'}</code>;
  return (
    <span data-testid="import-error-column">
      {columns.map((c, i) => (
        <span key={c}>
          {i > 0 && ', '}
          <code>{c}</code>
        </span>
      ))}
    </span>
  );
}

const MAX_SHOWN_ERRORS = 500;

/** The media type the API expects for a chosen file (by extension, since browsers vary). */
function mediaTypeOf(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'application/x-ndjson';
  return null;
}

/** Bulk import (`/workspace/import`): upload a CSV or JSON-lines file, check it, then import it. */
export default function ImportPage() {
  const { t } = useTranslation('import');
  const fmt = useFormat();
  const lang = useLang();
  useTitle(t('title'));
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [check, setCheck] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [skipBad, setSkipBad] = useState(false);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean): Promise<ImportReport | null> => {
    if (!file) return null;
    const type = mediaTypeOf(file);
    if (!type) {
      setFileError(t('file.wrongType'));
      return null;
    }
    setBusy(true);
    setProblem(null);
    try {
      const query = `?dryRun=${dryRun}${!dryRun && skipBad ? '&partial=true' : ''}`;
      const { data } = await api<ImportReport>(`/import${query}`, { method: 'POST', raw: { type, data: file } });
      return data;
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === 'import_rejected') return err.problem as unknown as ImportReport;
      setProblem(err instanceof ApiError ? err : null);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const onCheck = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setCheck(await send(true));
  };
  const onImport = async () => {
    setResult(await send(false));
  };

  const report = result ?? check;
  const canImport = !!check && !result && check.valid > 0 && (check.invalid === 0 || skipBad);

  return (
    <section className="workspace import-page">
      <div className="page-head">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
        <Link to="/workspace" className="button secondary">
          {t('back')}
        </Link>
      </div>

      <section aria-labelledby="import-templates">
        <h2 id="import-templates">{t('templates.title')}</h2>
        <p>{t('templates.help')}</p>
        <ul className="row-links">
          <li>
            <a href="/api/v1/import/template.csv?lang=ko" download data-testid="template-ko">
              {t('templates.ko')}
            </a>
          </li>
          <li>
            <a href="/api/v1/import/template.csv?lang=en" download data-testid="template-en">
              {t('templates.en')}
            </a>
          </li>
        </ul>
      </section>

      <form onSubmit={onCheck} className="import-form" aria-labelledby="import-upload">
        <h2 id="import-upload">{t('file.title')}</h2>
        <div className="field">
          <label htmlFor="import-file">{t('file.label')}</label>
          <p className="hint" id="import-file-hint">
            {t('file.hint')}
          </p>
          <input
            id="import-file"
            type="file"
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            aria-describedby={fileError ? 'import-file-hint import-file-error' : 'import-file-hint'}
            aria-invalid={fileError ? true : undefined}
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(null);
              setCheck(null);
              setResult(null);
              setProblem(null);
            }}
          />
          {fileError && (
            <p className="error" id="import-file-error" role="alert">
              {fileError}
            </p>
          )}
        </div>
        <button type="submit" disabled={!file || busy} data-testid="import-check">
          {busy && !check ? t('file.checking') : t('file.check')}
        </button>
      </form>

      <ProblemView error={problem} />

      {report && (
        <section aria-labelledby="import-report" className="import-report" data-testid="import-report">
          <h2 id="import-report">{result ? t('report.resultTitle') : t('report.checkTitle')}</h2>
          <p role="status" data-testid="import-summary">
            {result && !result.rejected
              ? t('report.written', { created: fmt.number(result.created), updated: fmt.number(result.updated), invalid: fmt.number(result.invalid) })
              : result?.rejected
                ? t('report.rejected', { invalid: fmt.number(result.invalid) })
                : t('report.checked', {
                    total: fmt.number(report.total),
                    valid: fmt.number(report.valid),
                    invalid: fmt.number(report.invalid),
                    toCreate: fmt.number(report.toCreate),
                    toUpdate: fmt.number(report.toUpdate),
                  })}
          </p>
          {report.errors.length > 0 && (
            <div className="table-wrap">
              <table className="workspace-table" data-testid="import-errors">
                <caption>{t('report.caption', { count: report.invalid, formatted: fmt.number(report.invalid) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('report.col.row')}</th>
                    <th scope="col">{t('report.col.field')}</th>
                    <th scope="col">{t('report.col.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.slice(0, MAX_SHOWN_ERRORS).map((e, i) => (
                    <tr key={`${e.row}-${e.path}-${e.code}-${i}`} data-testid="import-error-row">
                      <td>{t('report.rowLine', { row: fmt.number(e.row), line: fmt.number(e.line) })}</td>
                      <td>
                        <ErrorPlace error={e} />
                      </td>
                      <td lang={lang}>
                        {e.message}
                        {e.allowedValues && e.allowedValues.length > 0 && (
                          <span className="allowed-values" data-testid="import-allowed-values">
                            {' '}
                            {t('report.allowed')}{' '}
                            {e.allowedValues.map((v, j) => (
                              <span key={v}>
                                {j > 0 && ', '}
                                <code>{v}</code>
                              </span>
                            ))}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {report.errors.length > MAX_SHOWN_ERRORS && <p className="muted">{t('report.truncated', { shown: fmt.number(MAX_SHOWN_ERRORS), total: fmt.number(report.errors.length) })}</p>}
            </div>
          )}
          {check && !result && (
            <div className="import-confirm">
              {check.invalid > 0 && check.valid > 0 && (
                <div className="field checkbox">
                  <input id="import-skip-bad" type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} data-testid="import-skip-bad" />
                  <label htmlFor="import-skip-bad">{t('confirm.skipBad', { count: check.invalid, formatted: fmt.number(check.invalid) })}</label>
                </div>
              )}
              {check.invalid > 0 && !skipBad && <p className="muted">{t('confirm.fixFirst')}</p>}
              <button type="button" onClick={onImport} disabled={!canImport || busy} data-testid="import-run">
                {busy ? t('confirm.running') : t('confirm.run', { count: check.valid, formatted: fmt.number(check.valid) })}
              </button>
            </div>
          )}
          {result && !result.rejected && (
            <p>
              <Link to="/workspace?status=draft">{t('report.toDrafts')}</Link>
            </p>
          )}
        </section>
      )}
    </section>
  );
}
