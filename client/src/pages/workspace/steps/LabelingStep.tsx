import { labelOf } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useBi } from '../../../components/Bi';
import { Loading, ProblemView } from '../../../components/Status';
import type { Page } from '../../../lib/api';
import { useApi, useFormat, useLang } from '../../../lib/hooks';
import { Group, SelectField, TextField } from '../editor/controls';
import type { ProcedureVersion, QaTarget } from '../types';
import type { StepProps } from './common';
import { parseNumber } from '../../../lib/format';

/** Whether a measured value meets a QA target; null when the value is not a number. */
export function meetsTarget(value: string | number, target: QaTarget): boolean | null {
  // "93%" counts as 0.93, as it is stored (parseNumber).
  const v = typeof value === 'number' ? value : parseNumber(value, { percent: true });
  if (value === '' || v === undefined || !Number.isFinite(v)) return null;
  return target.direction === 'lower_better' ? v <= target.target : v >= target.target;
}

/** Step 5: the labeling procedure version the data was built with, and the QA values measured. */
export default function LabelingStep({ form, set }: StepProps) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const bi = useBi();
  const fmt = useFormat();
  const list = useApi<Page<ProcedureVersion>>('/labeling-procedures?status=active&pageSize=100');
  const id = form.procedureId;
  const detail = useApi<ProcedureVersion>(id ? `/labeling-procedures/${encodeURIComponent(id)}` : null);
  const version = form.procedureVersion;
  const versionDoc = useApi<ProcedureVersion>(id && /^\d+$/.test(version) ? `/labeling-procedures/${encodeURIComponent(id)}/versions/${version}` : null);

  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ProblemView error={list.error} />;

  const procedures = list.data?.items ?? [];
  const options = procedures.map((p) => ({ code: p.procedureId, label: `${bi(p.title)} (${bi(p.provider?.name)})` }));
  if (id && !options.some((o) => o.code === id) && detail.data) options.push({ code: id, label: bi(detail.data.title) });
  const referenceable = (detail.data?.versions ?? []).filter((v) => v.status === 'active' || v.status === 'superseded');
  const versionOptions = referenceable.map((v) => ({ code: String(v.version), label: t('labeling.versionOption', { version: v.version, status: labelOf('procedureStatuses', v.status, lang) }) }));
  const targets = id && versionDoc.data && String(versionDoc.data.version) === version ? (versionDoc.data.qa?.targets ?? []) : [];

  const choose = (procedureId: string) => {
    const chosen = procedures.find((p) => p.procedureId === procedureId);
    set({ procedureId, procedureVersion: chosen?.activeVersion ? String(chosen.activeVersion) : '', results: {} });
  };

  return (
    <>
      <p className="hint">{t('hints.labeling')}</p>
      <SelectField label={t('fields.procedure')} path="/labeling/procedureId" options={options} value={id} onChange={choose} placeholder={t('labeling.none')} testId="field-procedure" />
      {id && (
        <>
          {detail.error && <ProblemView error={detail.error} compact />}
          <SelectField
            label={t('fields.procedureVersion')}
            hint={t('hints.procedureVersion')}
            path="/labeling/procedureVersion"
            options={versionOptions}
            value={version}
            onChange={(procedureVersion) => set({ procedureVersion })}
            placeholder={t('choose')}
            required
          />
          {detail.data && (
            <p>
              <Link to={`/procedures/${detail.data.procedureId}`} target="_blank" rel="noopener">
                {t('labeling.openProcedure', { title: bi(detail.data.title) })}
              </Link>
            </p>
          )}
          {versionDoc.loading && <Loading />}
          {versionDoc.error && <ProblemView error={versionDoc.error} compact />}
          {versionDoc.data && (
            <Group legend={t('fields.results')} hint={t('hints.results')} path="/labeling/results" deep>
              {targets.length === 0 ? (
                <p className="muted">{t('labeling.noTargets')}</p>
              ) : (
                <div className="three-col">
                  {targets.map((target) => {
                    const value = form.results[target.metric] ?? '';
                    const met = meetsTarget(value, target);
                    return (
                      <div key={target.metric} className="result-input">
                        <TextField
                          label={labelOf('qaMetrics', target.metric, lang)}
                          hint={t(target.direction === 'lower_better' ? 'labeling.targetAtMost' : 'labeling.targetAtLeast', { target: fmt.number(target.target) })}
                          inputMode="decimal"
                          path={`/labeling/results/${target.metric}`}
                          value={value}
                          testId={`result-${target.metric}`}
                          onChange={(v) => set({ results: { ...form.results, [target.metric]: v } })}
                        />
                        {met !== null && <span className={met ? 'badge success' : 'badge warning'}>{met ? t('labeling.met') : t('labeling.notMet')}</span>}
                      </div>
                    );
                  })}
                </div>
              )}
            </Group>
          )}
        </>
      )}
    </>
  );
}
