import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { useAuth } from '../../lib/auth';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import { CanIUsePanel } from '../access/CanIUsePanel';
import { FittingPartnersPanel } from '../partners/FittingPartnersPanel';
import { ArtifactsList } from './ArtifactsList';
import { CitePanel } from './CitePanel';
import { ClassificationExplainer } from './ClassificationExplainer';
import { DisclosureExplainer } from './DisclosureExplainer';
import { FactsTable } from './FactsTable';
import { HarvestedBanner } from './HarvestedBanner';
import { Icon } from './Icon';
import { LabelingSummary } from './LabelingSummary';
import { LicenseExplainer } from './LicenseExplainer';
import { MetadataLinks } from './MetadataLinks';
import { ReviewPanel, StatusBadge } from './ReviewPanel';
import type { DatasetView } from './types';
import { VersionHistory } from './VersionHistory';
import { UsageTotals } from './UsageTotals';
import { YourAccessPanel } from './YourAccessPanel';
import './dataset.css';

/** The dataset's keywords in the chosen language, falling back to the other. */
function Keywords({ keywords }: { keywords: DatasetView['keywords'] }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const other = lang === 'ko' ? 'en' : 'ko';
  const shownLang = keywords?.[lang]?.length ? lang : other;
  const list = keywords?.[shownLang] ?? [];
  if (!list.length) return null;
  return (
    <ul className="tag-list keywords" aria-label={t('about.keywords')} data-testid="keywords">
      {list.map((k) => (
        <li key={k} className="badge" lang={shownLang}>
          {k}
        </li>
      ))}
    </ul>
  );
}

/** A dataset's page: description, facts, licence, disclosure rules, classification, labeling quality, files and history. */
export default function DatasetPage() {
  const { t } = useTranslation('dataset');
  const { slug = '' } = useParams();
  const bi = useBi();
  const format = useFormat();
  const { user, loading: authLoading, hasRole } = useAuth();
  const { data: d, error, loading } = useApi<DatasetView>(`/datasets/${encodeURIComponent(slug)}`);
  useTitle(d ? bi(d.title) || d.slug : error?.status === 404 ? t('notFound.title') : undefined);

  if (error?.status === 404) {
    return (
      <section className="page-error" data-testid="dataset-not-found">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.detail')}</p>
        <p className="actions">
          <Link className="button" to="/">
            {t('notFound.back')}
          </Link>
          {!user && !authLoading && (
            <Link className="button secondary" to={`/signin?next=${encodeURIComponent(`/datasets/${slug}`)}`}>
              {t('notFound.signIn')}
            </Link>
          )}
        </p>
      </section>
    );
  }
  if (error) return <ProblemView error={error} />;
  if (loading || !d) return <Loading />;

  const workingCopy = !!d.review;
  const providerMember = !!user && !!d.provider && user.organization?.id === d.provider.id;
  // A harvested dataset changes only when its source does (docs/harvesting-client.md): no edit link.
  const canEdit = ((providerMember && hasRole('provider')) || hasRole('admin')) && d.origin?.kind !== 'harvested';
  const publishedAt = d.published?.publishedAt ?? d.publishedAt;
  // A working copy carries the next version number; the catalogue shows the published one.
  const shownVersion = d.published?.version ?? (d.version > 0 ? d.version : null);

  return (
    <article className="dataset-page" data-testid="dataset-page" data-dataset-id={d.id}>
      <header className="dataset-header">
        <div className="dataset-title">
          <Bi as="h1" text={d.title} toggle />
        </div>
        <dl className="dataset-meta">
          {d.provider && (
            <div>
              <dt>{t('meta.provider')}</dt>
              <dd data-testid="provider">
                <Icon name="building" />
                <Bi text={d.provider.name} />
              </dd>
            </div>
          )}
          <div>
            <dt>{t('meta.version')}</dt>
            <dd data-testid="version">{shownVersion ? format.number(shownVersion) : t('meta.unpublished')}</dd>
          </div>
          {publishedAt && (
            <div>
              <dt>{t('meta.published')}</dt>
              <dd>
                <time dateTime={publishedAt}>{format.date(publishedAt)}</time>
              </dd>
            </div>
          )}
          {(workingCopy || d.status !== 'published') && (
            <div>
              <dt>{t('meta.status')}</dt>
              <dd>
                <StatusBadge status={d.status} />
              </dd>
            </div>
          )}
        </dl>
        {canEdit && (
          <p className="actions">
            <Link className="button secondary" to={`/workspace/datasets/${encodeURIComponent(d.id)}`} data-testid="edit-in-workspace">
              <Icon name="edit" />
              {t('editInWorkspace')}
            </Link>
          </p>
        )}
      </header>

      <HarvestedBanner dataset={d} />
      {workingCopy && <ReviewPanel dataset={d} />}

      <section className="dataset-section" aria-labelledby="about-heading" data-testid="about">
        <h2 id="about-heading">{t('about.heading')}</h2>
        {d.summary && <Bi as="p" className="dataset-summary" text={d.summary} />}
        {d.description ? (
          <div className="dataset-description" data-testid="description">
            <Bi as="div" text={d.description} toggle />
          </div>
        ) : (
          !d.summary && <p className="muted">{t('about.none')}</p>
        )}
        <Keywords keywords={d.keywords} />
      </section>

      <section className="dataset-section" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t('facts.heading')}</h2>
        <FactsTable dataset={d} />
      </section>

      <LicenseExplainer license={d.license} />
      <DisclosureExplainer disclosure={d.disclosure} />
      <CanIUsePanel dataset={d} />
      <YourAccessPanel dataset={d} />
      {workingCopy && <FittingPartnersPanel datasetId={d.id} />}
      <ClassificationExplainer classification={d.classification} />
      <LabelingSummary labeling={d.labeling} />
      <ArtifactsList artifacts={d.artifacts ?? []} member={workingCopy} />
      <VersionHistory datasetId={d.id} />
      <UsageTotals datasetId={d.id} />
      <CitePanel datasetId={d.id} />
      <MetadataLinks datasetId={d.id} slug={d.slug} />
    </article>
  );
}
