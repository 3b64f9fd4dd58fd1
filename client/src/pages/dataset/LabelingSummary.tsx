import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { Bi, type BilingualText } from '../../components/Bi';
import { Loading, ProblemView } from '../../components/Status';
import { explainQaOutcome, qaOutcome } from '../../lib/explain';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import { Explained } from './Explained';
import type { DatasetView } from './types';

/** The parts of a procedure version (`GET /labeling-procedures/:id/versions/:v`) this summary shows. */
interface ProcedureVersion {
  procedureId: string;
  slug?: string;
  version: number;
  status: string;
  title?: BilingualText;
  guideline?: { summary?: BilingualText };
  workforce?: { type?: string; annotatorsPerItem?: number; qualification?: BilingualText };
  tools?: string[];
  qa?: {
    inspection?: string;
    samplingRate?: number;
    verifiedBy?: string;
    targets?: { metric: string; target: number; direction: string }[];
  };
}

interface QaRow {
  metric: string;
  target?: number;
  direction?: string;
  value?: number;
}

/** Targets of the procedure joined with the dataset's measured results; results without a target come last. */
function qaRows(targets: NonNullable<ProcedureVersion['qa']>['targets'], results: { metric: string; value: number }[]): QaRow[] {
  const rows: QaRow[] = (targets ?? []).map((tg) => ({ metric: tg.metric, target: tg.target, direction: tg.direction, value: results.find((r) => r.metric === tg.metric)?.value }));
  for (const r of results) if (!rows.some((row) => row.metric === r.metric)) rows.push({ metric: r.metric, value: r.value });
  return rows;
}

/** The labeling procedure this dataset follows, and whether the dataset met the procedure's quality targets. */
export function LabelingSummary({ labeling }: { labeling: DatasetView['labeling'] }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const format = useFormat();
  const path = labeling ? `/labeling-procedures/${encodeURIComponent(labeling.procedureId)}/versions/${labeling.procedureVersion}` : null;
  const { data: proc, error, loading } = useApi<ProcedureVersion>(path);
  const results = labeling?.results ?? [];
  const num = (n: number | undefined) => format.number(n, { maximumFractionDigits: 4 });

  return (
    <section className="dataset-section" aria-labelledby="labeling-heading" data-testid="labeling">
      <h2 id="labeling-heading">{t('labeling.heading')}</h2>
      {!labeling ? (
        <p className="muted">{t('labeling.none')}</p>
      ) : error ? (
        <ProblemView error={error} compact />
      ) : loading || !proc ? (
        <Loading />
      ) : (
        <>
          <p className="procedure-link">
            <Link to={`/procedures/${encodeURIComponent(labeling.procedureId)}`} data-testid="procedure-link">
              <Bi text={proc.title} />
            </Link>
            <span className="badge">{t('labeling.version', { version: proc.version })}</span>
            <span className="badge">{labelOf('procedureStatuses', proc.status, lang)}</span>
          </p>
          {proc.guideline?.summary && <Bi as="p" text={proc.guideline.summary} />}
          <dl className="facts labeling-facts">
            {proc.workforce?.type && (
              <>
                <dt>{t('labeling.workforce')}</dt>
                <dd>
                  {labelOf('workforceTypes', proc.workforce.type, lang)}
                  {proc.workforce.annotatorsPerItem !== undefined && <> {t('labeling.annotatorsPerItem', { count: proc.workforce.annotatorsPerItem })}</>}
                  {proc.workforce.qualification && (
                    <>
                      <br />
                      <Bi text={proc.workforce.qualification} className="muted" />
                    </>
                  )}
                </dd>
              </>
            )}
            {proc.qa?.inspection && (
              <>
                <dt>{t('labeling.inspection')}</dt>
                <dd>
                  {proc.qa.inspection === 'sampling' && proc.qa.samplingRate !== undefined
                    ? t('labeling.samplingRate', { label: labelOf('inspectionTypes', proc.qa.inspection, lang), rate: format.number(proc.qa.samplingRate, { style: 'percent', maximumFractionDigits: 1 }) })
                    : labelOf('inspectionTypes', proc.qa.inspection, lang)}
                </dd>
              </>
            )}
            {proc.qa?.verifiedBy && (
              <>
                <dt>{t('labeling.verifiedBy')}</dt>
                <dd>{labelOf('verifiers', proc.qa.verifiedBy, lang)}</dd>
              </>
            )}
            {proc.tools && proc.tools.length > 0 && (
              <>
                <dt>{t('labeling.tools')}</dt>
                <dd>{proc.tools.join(t('facts.separator'))}</dd>
              </>
            )}
          </dl>
          <h3 id="qa-heading">{t('labeling.qaHeading')}</h3>
          {qaRows(proc.qa?.targets, results).length === 0 ? (
            <p className="muted">{t('labeling.noTargets')}</p>
          ) : (
            <div className="table-scroll">
              <table className="qa-table" aria-labelledby="qa-heading" data-testid="qa-table">
                <thead>
                  <tr>
                    <th scope="col">{t('labeling.metric')}</th>
                    <th scope="col">{t('labeling.target')}</th>
                    <th scope="col">{t('labeling.achieved')}</th>
                    <th scope="col">{t('labeling.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {qaRows(proc.qa?.targets, results).map((row) => {
                    const outcome = row.target === undefined ? null : qaOutcome(row.target, row.direction ?? 'higher_better', row.value);
                    return (
                      <tr key={row.metric} data-testid="qa-row" data-metric={row.metric} data-outcome={outcome ?? 'no_target'}>
                        <th scope="row">{labelOf('qaMetrics', row.metric, lang)}</th>
                        <td>
                          {row.target === undefined
                            ? t('labeling.noTarget')
                            : t(row.direction === 'lower_better' ? 'labeling.atMost' : 'labeling.atLeast', { value: num(row.target) })}
                        </td>
                        <td>{row.value === undefined ? t('labeling.notReported') : num(row.value)}</td>
                        <td>{outcome ? <Explained as="span" e={explainQaOutcome(outcome)} /> : t('labeling.noTarget')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
