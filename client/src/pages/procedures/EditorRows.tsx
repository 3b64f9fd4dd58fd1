// Editable row lists of the procedure editor: label classes, workflow steps and QA targets.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { defaultDirection } from './model';
import { rowKey, type ClassRow, type StepRow, type TargetRow } from './editorForm';

/** Field messages keyed by JSON pointer. */
export type Errors = Record<string, string[]>;

/** An input inside a table cell: labelled by aria-label, with its errors described below it. */
function Cell({ label, errors, children }: { label: string; errors?: string[]; children: (props: { 'aria-label': string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const has = !!errors?.length;
  return (
    <div className={has ? 'cell has-error' : 'cell'}>
      {children({ 'aria-label': label, 'aria-invalid': has || undefined, 'aria-describedby': has ? id : undefined })}
      {has && (
        <ul className="field-errors" id={id}>
          {errors!.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Moves focus to `selector` inside `root` after the next render (row added, moved or removed). */
function useFocusAfterRender() {
  const [target, setTarget] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!target) return;
    root.current?.querySelector<HTMLElement>(target)?.focus();
    setTarget(null);
  }, [target]);
  return { root, focusLater: setTarget };
}

/** Label classes as an editable table: code, name and description in both languages. */
export function ClassesTable({ rows, errors, onChange, onAdd }: { rows: ClassRow[]; errors: Errors; onChange: (rows: ClassRow[]) => void; onAdd: () => void }) {
  const { t } = useTranslation('procedures');
  const { root, focusLater } = useFocusAfterRender();
  const update = (i: number, patch: Partial<ClassRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const base = (i: number) => `/labelSchema/classes/${i}`;
  return (
    <div ref={root}>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="edit-table" data-testid="classes-editor">
            <thead>
              <tr>
                <th scope="col">{t('fields.code')}</th>
                <th scope="col">{t('editor.nameKo')}</th>
                <th scope="col">{t('editor.nameEn')}</th>
                <th scope="col">{t('editor.descriptionKo')}</th>
                <th scope="col">{t('editor.descriptionEn')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('editor.rowActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key} data-row={r.key}>
                  <td>
                    <Cell label={t('editor.classField', { n: i + 1, field: t('fields.code') })} errors={[...(errors[base(i)] ?? []), ...(errors[`${base(i)}/code`] ?? [])]}>
                      {(p) => <input {...p} className="code-input" value={r.code} onChange={(e) => update(i, { code: e.target.value })} spellCheck={false} autoComplete="off" data-testid="class-code" />}
                    </Cell>
                  </td>
                  <td>
                    <Cell label={t('editor.classField', { n: i + 1, field: t('editor.nameKo') })} errors={[...(errors[`${base(i)}/name`] ?? []), ...(errors[`${base(i)}/name/ko`] ?? [])]}>
                      {(p) => <input {...p} lang="ko" value={r.nameKo} onChange={(e) => update(i, { nameKo: e.target.value })} data-testid="class-name-ko" />}
                    </Cell>
                  </td>
                  <td>
                    <Cell label={t('editor.classField', { n: i + 1, field: t('editor.nameEn') })} errors={errors[`${base(i)}/name/en`]}>
                      {(p) => <input {...p} lang="en" value={r.nameEn} onChange={(e) => update(i, { nameEn: e.target.value })} data-testid="class-name-en" />}
                    </Cell>
                  </td>
                  <td>
                    <Cell label={t('editor.classField', { n: i + 1, field: t('editor.descriptionKo') })} errors={[...(errors[`${base(i)}/description`] ?? []), ...(errors[`${base(i)}/description/ko`] ?? [])]}>
                      {(p) => <textarea {...p} lang="ko" rows={2} value={r.descKo} onChange={(e) => update(i, { descKo: e.target.value })} />}
                    </Cell>
                  </td>
                  <td>
                    <Cell label={t('editor.classField', { n: i + 1, field: t('editor.descriptionEn') })} errors={errors[`${base(i)}/description/en`]}>
                      {(p) => <textarea {...p} lang="en" rows={2} value={r.descEn} onChange={(e) => update(i, { descEn: e.target.value })} />}
                    </Cell>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary small-button"
                      onClick={() => {
                        onChange(rows.filter((_, j) => j !== i));
                        focusLater('[data-add]');
                      }}
                      aria-label={t('editor.removeClass', { n: i + 1 })}
                    >
                      {t('editor.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('editor.noClasses')}</p>
      )}
      <button
        type="button"
        className="secondary"
        data-add
        data-testid="add-class"
        onClick={() => {
          onAdd();
          focusLater('tbody tr:last-child input');
        }}
      >
        {t('editor.addClass')}
      </button>
    </div>
  );
}

/** Workflow steps in order, each with name and description in both languages; reorderable. */
export function StepsEditor({ rows, errors, onChange }: { rows: StepRow[]; errors: Errors; onChange: (rows: StepRow[]) => void }) {
  const { t } = useTranslation('procedures');
  const { root, focusLater } = useFocusAfterRender();
  const update = (i: number, patch: Partial<StepRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
    // Keep focus on the moved step's button; at either end, on its other move button.
    const atEdge = (by === -1 && j === 0) || (by === 1 && j === rows.length - 1);
    focusLater(`[data-step="${rows[i].key}"] [data-move="${atEdge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}"]`);
  };
  const base = (i: number) => `/steps/${i}`;
  return (
    <div ref={root}>
      {rows.length === 0 && <p className="muted">{t('editor.noSteps')}</p>}
      <ol className="step-editor" data-testid="steps-editor">
        {rows.map((r, i) => (
          <li key={r.key} data-step={r.key} className="card step-card">
            <h3 className="step-title">{t('diff.step', { n: i + 1 })}</h3>
            <div className="two-col">
              <Field label={t('editor.nameKo')} errors={[...(errors[base(i)] ?? []), ...(errors[`${base(i)}/name`] ?? []), ...(errors[`${base(i)}/name/ko`] ?? [])]}>
                {(p) => <input {...p} lang="ko" value={r.nameKo} onChange={(e) => update(i, { nameKo: e.target.value })} data-testid="step-name-ko" />}
              </Field>
              <Field label={t('editor.nameEn')} errors={errors[`${base(i)}/name/en`]}>
                {(p) => <input {...p} lang="en" value={r.nameEn} onChange={(e) => update(i, { nameEn: e.target.value })} data-testid="step-name-en" />}
              </Field>
            </div>
            <div className="two-col">
              <Field label={t('editor.descriptionKo')} errors={[...(errors[`${base(i)}/description`] ?? []), ...(errors[`${base(i)}/description/ko`] ?? [])]}>
                {(p) => <textarea {...p} lang="ko" rows={2} value={r.descKo} onChange={(e) => update(i, { descKo: e.target.value })} data-testid="step-desc-ko" />}
              </Field>
              <Field label={t('editor.descriptionEn')} errors={errors[`${base(i)}/description/en`]}>
                {(p) => <textarea {...p} lang="en" rows={2} value={r.descEn} onChange={(e) => update(i, { descEn: e.target.value })} data-testid="step-desc-en" />}
              </Field>
            </div>
            <div className="actions row-actions">
              <button type="button" className="secondary small-button" data-move="up" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('editor.moveUpN', { n: i + 1 })}>
                {t('editor.moveUp')}
              </button>
              <button type="button" className="secondary small-button" data-move="down" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={t('editor.moveDownN', { n: i + 1 })}>
                {t('editor.moveDown')}
              </button>
              <button
                type="button"
                className="secondary small-button"
                onClick={() => {
                  onChange(rows.filter((_, j) => j !== i));
                  focusLater('[data-add]');
                }}
                aria-label={t('editor.removeStepN', { n: i + 1 })}
              >
                {t('editor.remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="secondary"
        data-add
        data-testid="add-step"
        onClick={() => {
          onChange([...rows, { key: rowKey(), nameKo: '', nameEn: '', descKo: '', descEn: '' }]);
          focusLater('li:last-child input');
        }}
      >
        {t('editor.addStep')}
      </button>
    </div>
  );
}

/** QA targets: metric, target value and direction (defaulting from the metric). */
export function TargetsTable({
  rows,
  errors,
  onChange,
  onAdd,
  metrics,
  directions,
}: {
  rows: TargetRow[];
  errors: Errors;
  onChange: (rows: TargetRow[]) => void;
  onAdd: () => void;
  metrics: { code: string; label: string }[];
  directions: { code: string; label: string }[];
}) {
  const { t } = useTranslation('procedures');
  const { root, focusLater } = useFocusAfterRender();
  const update = (i: number, patch: Partial<TargetRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const base = (i: number) => `/qa/targets/${i}`;
  return (
    <div ref={root}>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="edit-table targets-editor" data-testid="targets-editor">
            <thead>
              <tr>
                <th scope="col">{t('fields.metric')}</th>
                <th scope="col">{t('fields.target')}</th>
                <th scope="col">{t('fields.direction')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('editor.rowActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <td>
                    <Cell label={t('editor.targetField', { n: i + 1, field: t('fields.metric') })} errors={[...(errors[base(i)] ?? []), ...(errors[`${base(i)}/metric`] ?? [])]}>
                      {(p) => (
                        <select {...p} value={r.metric} onChange={(e) => update(i, { metric: e.target.value, direction: defaultDirection(e.target.value) })} data-testid="target-metric">
                          {metrics.map((m) => (
                            <option key={m.code} value={m.code}>
                              {m.label}
                            </option>
                          ))}
                        </select>
                      )}
                    </Cell>
                  </td>
                  <td>
                    <Cell label={t('editor.targetField', { n: i + 1, field: t('fields.target') })} errors={errors[`${base(i)}/target`]}>
                      {(p) => <input {...p} type="number" inputMode="decimal" step="any" value={r.target} onChange={(e) => update(i, { target: e.target.value })} data-testid="target-value" />}
                    </Cell>
                  </td>
                  <td>
                    <Cell label={t('editor.targetField', { n: i + 1, field: t('fields.direction') })} errors={errors[`${base(i)}/direction`]}>
                      {(p) => (
                        <select {...p} value={r.direction} onChange={(e) => update(i, { direction: e.target.value })} data-testid="target-direction">
                          {directions.map((d) => (
                            <option key={d.code} value={d.code}>
                              {d.label}
                            </option>
                          ))}
                        </select>
                      )}
                    </Cell>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary small-button"
                      onClick={() => {
                        onChange(rows.filter((_, j) => j !== i));
                        focusLater('[data-add]');
                      }}
                      aria-label={t('editor.removeTargetN', { n: i + 1 })}
                    >
                      {t('editor.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t('editor.noTargets')}</p>
      )}
      <button
        type="button"
        className="secondary"
        data-add
        data-testid="add-target"
        onClick={() => {
          onAdd();
          focusLater('tbody tr:last-child select');
        }}
      >
        {t('editor.addTarget')}
      </button>
    </div>
  );
}
