import { labelOf } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Bi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { useApi, useLang } from '../../lib/hooks';
import type { DatasetView } from '../dataset/types';

/** The clauses of the platform's standard data use agreement, in order (texts in the `agreements` namespace). */
const CLAUSES = ['purpose', 'people', 'security', 'reidentification', 'sharing', 'publication', 'incidents', 'end', 'law'] as const;

/**
 * `/agreements/dua[?dataset=<slug>]`: the standard data use agreement (DUA) a requester accepts
 * when a dataset's disclosure conditions require one (docs/design.md §4 `disclosure.conditions.dua`),
 * followed by the conditions the named dataset adds (issue 13 item 9: "the DUA has no link to its text").
 */
export default function DuaPage() {
  const { t } = useTranslation('agreements');
  useTitle(t('dua.title'));
  const [params] = useSearchParams();
  const slug = params.get('dataset');
  return (
    <article className="agreement-page" data-testid="dua-page">
      <h1>{t('dua.title')}</h1>
      <p className="lead">{t('dua.intro')}</p>
      {slug && <DatasetConditions slug={slug} />}
      <section aria-labelledby="dua-clauses">
        <h2 id="dua-clauses">{t('dua.standardHeading')}</h2>
        <ol className="agreement-clauses">
          {CLAUSES.map((c) => (
            <li key={c} data-testid={`dua-clause-${c}`}>
              <h3>{t(`dua.clauses.${c}.title`)}</h3>
              <p>{t(`dua.clauses.${c}.text`)}</p>
            </li>
          ))}
        </ol>
      </section>
      <p className="muted small">{t('dua.note')}</p>
    </article>
  );
}

/** The conditions one dataset sets on top of the standard text, read from its disclosure rules. */
function DatasetConditions({ slug }: { slug: string }) {
  const { t } = useTranslation('agreements');
  const lang = useLang();
  const { data: d, error } = useApi<DatasetView>(`/datasets/${encodeURIComponent(slug)}`);
  if (error) return <p className="notice">{t('dua.datasetUnavailable')}</p>;
  if (!d) return null;
  const disc = d.disclosure ?? {};
  const cond = disc.conditions ?? {};
  const items: string[] = [];
  if (disc.allowedPurposes?.length) items.push(t('dua.dataset.purposes', { purposes: disc.allowedPurposes.map((p) => labelOf('purposes', p, lang)).join(', ') }));
  if (cond.irb) items.push(t('dua.dataset.irb'));
  if (cond.attribution) items.push(t('dua.dataset.attribution'));
  if (cond.noRedistribution) items.push(t('dua.dataset.noRedistribution'));
  if (typeof cond.deleteAfterDays === 'number') items.push(t('dua.dataset.deleteAfterDays', { count: cond.deleteAfterDays }));
  if (typeof disc.maxGrantDays === 'number') items.push(t('dua.dataset.maxGrantDays', { count: disc.maxGrantDays }));
  if (disc.crossBorder) items.push(t(`dua.dataset.crossBorder.${disc.crossBorder}`));
  return (
    <section aria-labelledby="dua-dataset" className="card agreement-dataset" data-testid="dua-dataset-conditions">
      <h2 id="dua-dataset">
        {t('dua.datasetHeading')} <Bi text={d.title} />
      </h2>
      {!cond.dua && <p className="muted">{t('dua.notRequired')}</p>}
      {items.length > 0 ? (
        <ul>
          {items.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('dua.noExtra')}</p>
      )}
      <p>
        <Link to={`/datasets/${encodeURIComponent(slug)}`}>{t('dua.backToDataset')}</Link>
      </p>
    </section>
  );
}
