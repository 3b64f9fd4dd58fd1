// The procedure page's version picker, the version history table and the link to compare versions.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/hooks';
import type { Procedure, VersionSummary } from './model';
import { StatusBadge, VersionSelect } from './parts';

/** Chooses the version shown; lists every version with its status and activation date. */
export function VersionBar({
  procedure: p,
  shownVersion,
  onChoose,
}: {
  procedure: Procedure;
  shownVersion: number;
  onChoose: (v: number) => void;
}) {
  const { t } = useTranslation('procedures');
  const { date } = useFormat();
  const versions: VersionSummary[] = p.versions ?? [{ version: p.version, status: p.status, activatedAt: p.activatedAt }];
  return (
    <div className="version-bar card">
      <VersionSelect
        label={t('detail.versionSelect')}
        versions={versions}
        value={shownVersion}
        onChange={(v) => onChoose(Number(v))}
        testId="version-select"
      />
      <details className="version-history">
        <summary>{t('detail.history', { count: versions.length })}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fields.version')}</th>
              <th scope="col">{t('fields.status')}</th>
              <th scope="col">{t('fields.activatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} aria-current={v.version === shownVersion ? 'true' : undefined}>
                <th scope="row">
                  <Link
                    to={`?version=${v.version}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onChoose(v.version);
                    }}
                  >
                    {t('common.versionN', { version: v.version })}
                  </Link>
                </th>
                <td>
                  <StatusBadge status={v.status} />
                </td>
                <td>{v.activatedAt ? date(v.activatedAt) : <span className="muted">{t('common.none')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {versions.length > 1 && (
        <Link className="button secondary" to={`/procedures/${encodeURIComponent(p.slug)}/diff`} data-testid="compare-versions">
          {t('detail.compare')}
        </Link>
      )}
    </div>
  );
}
