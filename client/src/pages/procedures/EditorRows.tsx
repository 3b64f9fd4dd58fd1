// The procedure editor's row lists (label classes, workflow steps, QA targets) as field descriptions for RowEditor.
import { useTranslation } from 'react-i18next';
import { defaultDirection } from './model';
import { rowKey, targetRow, type ClassRow, type StepRow, type TargetRow } from './editorForm';
import { RowEditor, type Errors, type RowField } from './RowEditor';

export type { Errors } from './RowEditor';

type Option = { code: string; label: string };

/** Name and description in both languages: the fields label classes and steps share. */
function useBilingualFields<R extends { nameKo: string; nameEn: string; descKo: string; descEn: string }>(testIds: { nameKo?: string; nameEn?: string; descKo?: string; descEn?: string }, rowLevel: boolean): RowField<R>[] {
  const { t } = useTranslation('procedures');
  return [
    {
      label: t('editor.nameKo'),
      errorPaths: [...(rowLevel ? [''] : []), '/name', '/name/ko'],
      control: (r, p, set) => <input {...p} lang="ko" value={r.nameKo} onChange={(e) => set({ nameKo: e.target.value } as Partial<R>)} data-testid={testIds.nameKo} />,
    },
    {
      label: t('editor.nameEn'),
      errorPaths: ['/name/en'],
      control: (r, p, set) => <input {...p} lang="en" value={r.nameEn} onChange={(e) => set({ nameEn: e.target.value } as Partial<R>)} data-testid={testIds.nameEn} />,
    },
    {
      label: t('editor.descriptionKo'),
      errorPaths: ['/description', '/description/ko'],
      control: (r, p, set) => <textarea {...p} lang="ko" rows={2} value={r.descKo} onChange={(e) => set({ descKo: e.target.value } as Partial<R>)} data-testid={testIds.descKo} />,
    },
    {
      label: t('editor.descriptionEn'),
      errorPaths: ['/description/en'],
      control: (r, p, set) => <textarea {...p} lang="en" rows={2} value={r.descEn} onChange={(e) => set({ descEn: e.target.value } as Partial<R>)} data-testid={testIds.descEn} />,
    },
  ];
}

/** Label classes as an editable table: code, name and description in both languages. */
export function ClassesTable({ rows, errors, onChange }: { rows: ClassRow[]; errors: Errors; onChange: (rows: ClassRow[]) => void }) {
  const { t } = useTranslation('procedures');
  const bilingual = useBilingualFields<ClassRow>({ nameKo: 'class-name-ko', nameEn: 'class-name-en' }, false);
  const code: RowField<ClassRow> = {
    label: t('fields.code'),
    errorPaths: ['', '/code'],
    control: (r, p, set) => <input {...p} className="code-input" value={r.code} onChange={(e) => set({ code: e.target.value })} spellCheck={false} autoComplete="off" data-testid="class-code" />,
  };
  return (
    <RowEditor
      rows={rows}
      errors={errors}
      pointer={(i) => `/labelSchema/classes/${i}`}
      fields={[code, ...bilingual]}
      newRow={() => ({ key: rowKey(), code: '', nameKo: '', nameEn: '', descKo: '', descEn: '' })}
      onChange={onChange}
      layout={{ kind: 'table', className: 'edit-table', testId: 'classes-editor', actionsHeader: t('editor.rowActions'), cellLabel: (n, field) => t('editor.classField', { n, field }) }}
      texts={{ empty: t('editor.noClasses'), add: t('editor.addClass'), addTestId: 'add-class', removeN: (n) => t('editor.removeClass', { n }) }}
    />
  );
}

/** Workflow steps in order, each with name and description in both languages; reorderable. */
export function StepsEditor({ rows, errors, onChange }: { rows: StepRow[]; errors: Errors; onChange: (rows: StepRow[]) => void }) {
  const { t } = useTranslation('procedures');
  const fields = useBilingualFields<StepRow>({ nameKo: 'step-name-ko', nameEn: 'step-name-en', descKo: 'step-desc-ko', descEn: 'step-desc-en' }, true);
  return (
    <RowEditor
      rows={rows}
      errors={errors}
      pointer={(i) => `/steps/${i}`}
      fields={fields}
      newRow={() => ({ key: rowKey(), nameKo: '', nameEn: '', descKo: '', descEn: '' })}
      onChange={onChange}
      layout={{ kind: 'cards', testId: 'steps-editor', title: (n) => t('diff.step', { n }) }}
      texts={{ empty: t('editor.noSteps'), add: t('editor.addStep'), addTestId: 'add-step', removeN: (n) => t('editor.removeStepN', { n }) }}
    />
  );
}

/** QA targets: metric, target value and direction (defaulting from the metric); a new row takes a metric not used yet. */
export function TargetsTable({ rows, errors, onChange, metrics, directions }: { rows: TargetRow[]; errors: Errors; onChange: (rows: TargetRow[]) => void; metrics: Option[]; directions: Option[] }) {
  const { t } = useTranslation('procedures');
  const options = (list: Option[]) =>
    list.map((o) => (
      <option key={o.code} value={o.code}>
        {o.label}
      </option>
    ));
  const fields: RowField<TargetRow>[] = [
    {
      label: t('fields.metric'),
      errorPaths: ['', '/metric'],
      control: (r, p, set) => (
        <select {...p} value={r.metric} onChange={(e) => set({ metric: e.target.value, direction: defaultDirection(e.target.value) })} data-testid="target-metric">
          {options(metrics)}
        </select>
      ),
    },
    {
      label: t('fields.target'),
      errorPaths: ['/target'],
      control: (r, p, set) => <input {...p} type="number" inputMode="decimal" step="any" value={r.target} onChange={(e) => set({ target: e.target.value })} data-testid="target-value" />,
    },
    {
      label: t('fields.direction'),
      errorPaths: ['/direction'],
      control: (r, p, set) => (
        <select {...p} value={r.direction} onChange={(e) => set({ direction: e.target.value })} data-testid="target-direction">
          {options(directions)}
        </select>
      ),
    },
  ];
  const newRow = (current: TargetRow[]) => {
    const used = new Set(current.map((r) => r.metric));
    return targetRow(metrics.find((m) => !used.has(m.code))?.code ?? metrics[0].code);
  };
  return (
    <RowEditor
      rows={rows}
      errors={errors}
      pointer={(i) => `/qa/targets/${i}`}
      fields={fields}
      newRow={newRow}
      onChange={onChange}
      layout={{ kind: 'table', className: 'edit-table targets-editor', testId: 'targets-editor', actionsHeader: t('editor.rowActions'), cellLabel: (n, field) => t('editor.targetField', { n, field }) }}
      texts={{ empty: t('editor.noTargets'), add: t('editor.addTarget'), addTestId: 'add-target', removeN: (n) => t('editor.removeTargetN', { n }) }}
    />
  );
}
