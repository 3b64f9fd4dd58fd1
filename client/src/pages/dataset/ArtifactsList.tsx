import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { useFormat, useLang } from '../../lib/hooks';
import { Icon } from './Icon';
import type { ArtifactView } from './types';

/**
 * The dataset's files with size and checksum. Download links open the file page, which starts the
 * download when the policy engine allows it and explains the refusal otherwise (FilePage).
 */
export function ArtifactsList({ artifacts, member }: { artifacts: ArtifactView[]; member: boolean }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const format = useFormat();
  const { slug = '' } = useParams();
  return (
    <section className="dataset-section" aria-labelledby="artifacts-heading" data-testid="artifacts">
      <h2 id="artifacts-heading">{t('artifacts.heading')}</h2>
      {artifacts.length === 0 ? (
        <p className="muted">{t('artifacts.none')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="artifacts-table">
              <thead>
                <tr>
                  <th scope="col">{t('artifacts.kind')}</th>
                  <th scope="col">{t('artifacts.file')}</th>
                  <th scope="col">{t('artifacts.size')}</th>
                  <th scope="col">{t('artifacts.sha256')}</th>
                  <th scope="col">{t('artifacts.download')}</th>
                </tr>
              </thead>
              <tbody>
                {artifacts.map((a) => (
                  <tr key={a.id} data-testid="artifact" data-kind={a.kind}>
                    <td data-label={t('artifacts.kind')}>{labelOf('artifactKinds', a.kind, lang)}</td>
                    <th scope="row" className="filename" data-label={t('artifacts.file')}>
                      {a.filename}
                    </th>
                    <td className="num" data-label={t('artifacts.size')}>
                      {format.bytes(a.bytes)}
                    </td>
                    <td data-label={t('artifacts.sha256')}>
                      <details className="sha">
                        <summary title={a.sha256}>
                          <code>{t('artifacts.shaShort', { hash: a.sha256.slice(0, 12) })}</code>
                          <span className="visually-hidden">{t('artifacts.showFullHash')}</span>
                        </summary>
                        <code className="sha-full">{a.sha256}</code>
                      </details>
                    </td>
                    <td data-label={t('artifacts.download')}>
                      {a.downloadUrl ? (
                        <Link
                          className="download-link"
                          to={`/datasets/${encodeURIComponent(slug)}/files/${encodeURIComponent(a.id)}`}
                          aria-label={t('artifacts.downloadFile', { filename: a.filename })}
                        >
                          <Icon name="download" />
                          <span>{t('artifacts.downloadShort')}</span>
                        </Link>
                      ) : (
                        <span className={a.status === 'rejected' ? 'badge danger' : 'badge warning'}>
                          {labelOf('artifactStatuses', a.status, lang)}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">{member ? t('artifacts.memberNote') : t('artifacts.accessNote')}</p>
        </>
      )}
    </section>
  );
}
