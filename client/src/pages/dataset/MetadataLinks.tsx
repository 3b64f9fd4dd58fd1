import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The dataset's machine-readable metadata (docs/design.md §7 "Interoperability", docs/interop.md): the
 * Croissant 1.0 document of the API, and the schema.org `Dataset` JSON-LD the server writes into
 * this page's HTML for search engines — read from that HTML and offered as a file of its own.
 */
export function MetadataLinks({ datasetId, slug }: { datasetId: string; slug: string }) {
  const { t, i18n } = useTranslation('dataset');
  const schemaOrg = useSchemaOrgUrl(slug);
  const croissant = `/api/v1/datasets/${encodeURIComponent(datasetId)}/croissant?lang=${i18n.language}`;
  return (
    <p className="metadata-links" data-testid="metadata-links">
      <span>{t('metadataLinks.label')}</span>{' '}
      <a href={croissant} type="application/ld+json" data-testid="croissant-link">
        {t('metadataLinks.croissant')}
      </a>
      {schemaOrg && (
        <>
          {' · '}
          <a href={schemaOrg} type="application/ld+json" download={`${slug}.schema-org.jsonld`} data-testid="schema-org-link">
            {t('metadataLinks.schemaOrg')}
          </a>
        </>
      )}
    </p>
  );
}

/** A local URL of the schema.org JSON-LD in the server-rendered page of `slug`, once read (null when there is none). */
function useSchemaOrgUrl(slug: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    let made: string | null = null;
    fetch(`/datasets/${encodeURIComponent(slug)}`, { signal: ctrl.signal, credentials: 'same-origin' })
      .then((res) => (res.ok ? res.text() : ''))
      .then((html) => {
        const script = new DOMParser().parseFromString(html, 'text/html').querySelector('script[type="application/ld+json"]');
        if (!script?.textContent) return;
        made = URL.createObjectURL(new Blob([JSON.stringify(JSON.parse(script.textContent), null, 2)], { type: 'application/ld+json' }));
        setUrl(made);
      })
      .catch(() => undefined); // an extra; the page works without it
    return () => {
      ctrl.abort();
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [slug]);
  return url;
}
