import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ResponseOf } from '@schemas/responses';
import { ProblemView } from '../../components/Status';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import type { Lang } from '../../lib/i18n';
import './cite.css';

type CitationSummary = Exclude<ResponseOf<'citation.view'>, string | unknown[]>;

/**
 * "Cite this dataset" (docs/citations.md): the APA-style citation of one published version in the UI
 * language (the other language a click away), a copy button confirmed through a live region, the
 * reference-manager files, and a version select when several versions were published. The version
 * starts as the page's `?version=` (the address a citation points to), else the current one.
 * Nothing is shown for a dataset never published (409): there is nothing to cite yet.
 */
export function CitePanel({ datasetId }: { datasetId: string }) {
  const { t } = useTranslation('citation');
  const lang = useLang();
  const format = useFormat();
  const [params] = useSearchParams();
  const asked = Number(params.get('version'));
  const [version, setVersion] = useState<number | null>(Number.isInteger(asked) && asked > 0 ? asked : null);
  const [citeLang, setCiteLang] = useState<Lang>(lang);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const textRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => setCiteLang(lang), [lang]);
  const base = `/datasets/${encodeURIComponent(datasetId)}`;
  const { data, error } = useApi<CitationSummary>(`${base}/citation${version ? `?version=${version}` : ''}`);

  const unknownVersion = error?.status === 404 && version !== null;
  useEffect(() => {
    // A ?version= that was never published: cite the current version instead.
    if (unknownVersion) setVersion(null);
  }, [unknownVersion]);

  if (error?.status === 409 || error?.status === 404) return null;
  const other: Lang = citeLang === 'ko' ? 'en' : 'ko';
  const text = data?.formats.apa[citeLang] ?? '';
  const shown = data?.version;
  const file = (fmt: string) => `/api/v1${base}/citation?format=${fmt}&lang=${lang}&version=${shown}&download=1`;

  const copyText = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      // No clipboard access (an insecure origin, a refused permission): select the text for Ctrl+C.
      const range = document.createRange();
      if (textRef.current) range.selectNodeContents(textRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopy('failed');
    }
  };

  return (
    <section className="dataset-section cite-panel" aria-labelledby="cite-heading" data-testid="cite-panel">
      <h2 id="cite-heading">{t('heading')}</h2>
      {error ? (
        <ProblemView error={error} compact />
      ) : !data ? null : (
        <>
          <p className="muted small">{t('intro')}</p>
          {data.versions.length > 1 && (
            <p className="cite-version">
              <label htmlFor="cite-version">{t('version')}</label>{' '}
              <select
                id="cite-version"
                data-testid="cite-version"
                value={shown}
                onChange={(e) => {
                  setVersion(Number(e.target.value));
                  setCopy('idle');
                }}
              >
                {[...data.versions].reverse().map((v) => (
                  <option key={v.version} value={v.version}>
                    {t('versionOption', { version: v.version, date: format.date(v.publishedAt) })}
                  </option>
                ))}
              </select>
            </p>
          )}
          <figure className="cite-box">
            <figcaption className="small">{t('textLabel')}</figcaption>
            <p ref={textRef} className="cite-text" lang={citeLang} data-testid="cite-text" data-lang={citeLang}>
              {text}
            </p>
          </figure>
          <p className="actions cite-actions">
            <button type="button" className="primary" onClick={copyText} data-testid="cite-copy">
              {t('copy')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setCiteLang(other);
                setCopy('idle');
              }}
              data-testid="cite-other-language"
            >
              {t('showIn', { language: t(`languages.${other}`) })}
            </button>
          </p>
          <p className="cite-status small" role="status" aria-live="polite" data-testid="cite-copy-status">
            {copy === 'copied' ? t('copied') : copy === 'failed' ? t('copyFailed') : ''}
          </p>
          <p className="cite-downloads">
            <span>{t('downloads')}</span>{' '}
            <a href={file('bibtex')} download={`${data.formats.cslJson[0]?.id ?? 'citation'}.bib`} type="application/x-bibtex" data-testid="cite-bibtex">
              {t('bibtex')}
            </a>
            {' · '}
            <a href={file('ris')} download={`${data.formats.cslJson[0]?.id ?? 'citation'}.ris`} type="application/x-research-info-systems" data-testid="cite-ris">
              {t('ris')}
            </a>
            {' · '}
            <a href={file('csl-json')} download={`${data.formats.cslJson[0]?.id ?? 'citation'}.json`} type="application/vnd.citationstyles.csl+json" data-testid="cite-csl-json">
              {t('cslJson')}
            </a>
            {' · '}
            <a href={`/api/v1${base}/datacite?lang=${lang}&version=${shown}`} type="application/json" data-testid="cite-datacite">
              {t('datacite')}
            </a>
          </p>
          <p className="muted small">{t('noDoi')}</p>
        </>
      )}
    </section>
  );
}
