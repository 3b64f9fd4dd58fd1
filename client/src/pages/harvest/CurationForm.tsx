import { KR_TECHNOLOGIES, labelOf, MODALITIES, US_CET_AREAS, type TaxonomyName } from '@schemas/taxonomy';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemView } from '../../components/Status';
import { api, type ApiError } from '../../lib/api';
import { useLang } from '../../lib/hooks';
import type { DatasetView } from '../dataset/types';
import { asApiError } from './problem';
import type { CurationBody } from './types';

type Group = 'kr' | 'us' | 'modalities';
/** Codes per list as the dataset view holds them (its own fields are plain strings). */
type CodeLists = { techAreas: { kr: readonly string[]; us: readonly string[] }; modalities: readonly string[] };
const GROUPS: { key: Group; taxonomy: TaxonomyName; codes: readonly string[] }[] = [
  { key: 'kr', taxonomy: 'krTechnologies', codes: KR_TECHNOLOGIES.map((i) => i.code) },
  { key: 'us', taxonomy: 'usCetAreas', codes: US_CET_AREAS.map((i) => i.code) },
  { key: 'modalities', taxonomy: 'modalities', codes: MODALITIES.map((i) => i.code) },
];

/**
 * A curator confirms (or corrects) the technology areas and modalities suggested for a harvested
 * dataset from its keywords and themes (`POST /harvest/datasets/{id}/curation`). Suggested values
 * start ticked and are marked, so the curator sees what the machine proposed.
 */
export function CurationForm({ datasetId, initial, suggested, onSaved }: { datasetId: string; initial: CodeLists; suggested: CodeLists; onSaved: (view: DatasetView) => void }) {
  const { t } = useTranslation('harvest');
  const lang = useLang();
  const [chosen, setChosen] = useState<Record<Group, string[]>>({ kr: [...initial.techAreas.kr], us: [...initial.techAreas.us], modalities: [...initial.modalities] });
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const proposed: Record<Group, readonly string[]> = { kr: suggested.techAreas.kr, us: suggested.techAreas.us, modalities: suggested.modalities };

  const toggle = (g: Group, code: string) => {
    setSaved(false);
    setChosen((c) => ({ ...c, [g]: c[g].includes(code) ? c[g].filter((x) => x !== code) : [...c[g], code] }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      // Every ticked code comes from the taxonomy lists above, so the body matches harvest.curation.
      const body = { techAreas: { kr: chosen.kr, us: chosen.us }, modalities: chosen.modalities } as CurationBody;
      const { data } = await api<DatasetView>(`/harvest/datasets/${encodeURIComponent(datasetId)}/curation`, { method: 'POST', body });
      setSaved(true);
      onSaved(data);
    } catch (err) {
      setProblem(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="curation" data-testid="curation">
      <summary>{t('curation.open')}</summary>
      <form onSubmit={(e) => void submit(e)} aria-describedby="curation-intro">
        <p id="curation-intro" className="hint">
          {t('curation.intro')}
        </p>
        {GROUPS.map((g) => (
          <fieldset key={g.key} className="curation-group">
            <legend>{t(`curation.group.${g.key}`)}</legend>
            <ul className="check-grid">
              {g.codes.map((code) => (
                <li key={code}>
                  <label className="check">
                    <input type="checkbox" checked={chosen[g.key].includes(code)} onChange={() => toggle(g.key, code)} data-testid={`curate-${g.key}-${code}`} />
                    <span>
                      {labelOf(g.taxonomy, code, lang)}
                      {proposed[g.key].includes(code) && <span className="badge primary">{t('curation.suggested')}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
        <button type="submit" className="primary" disabled={busy} data-testid="curation-save">
          {t('curation.save')}
        </button>
        <p role="status" aria-live="polite" className="saved-note">
          {saved ? t('curation.saved') : ''}
        </p>
        <ProblemView error={problem} compact />
      </form>
    </details>
  );
}
