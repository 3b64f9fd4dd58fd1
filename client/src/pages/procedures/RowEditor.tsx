// One editable list of rows (a table, or cards that can be reordered) drawn from a description of its fields.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';

/** Field messages keyed by JSON pointer. */
export type Errors = Record<string, string[]>;

/** What a row's control is given to spread: its name (label or aria-label) and error wiring. */
export interface ControlProps {
  id?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  required?: boolean;
}

/** One field of a row: its column header or label, where its errors are, and its control. */
export interface RowField<R> {
  label: string;
  /** JSON pointers below the row's own whose errors the field shows ('' is the row itself). */
  errorPaths: string[];
  control: (row: R, props: ControlProps, set: (patch: Partial<R>) => void) => ReactNode;
}

/** The texts and test ids of one list. */
export interface RowEditorTexts {
  empty: string;
  add: string;
  addTestId: string;
  /** The remove button's accessible name for row n (1-based). */
  removeN: (n: number) => string;
}

type Layout =
  | { kind: 'table'; className: string; testId: string; actionsHeader: string; cellLabel: (n: number, field: string) => string }
  | { kind: 'cards'; testId: string; title: (n: number) => string };

/** An input inside a table cell: labelled by aria-label, with its errors described below it. */
function Cell({ label, errors, children }: { label: string; errors?: string[]; children: (props: ControlProps) => ReactNode }) {
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

const FIRST_CONTROL = ':is(input, select, textarea)';

/**
 * Rows as a table (one column per field) or as cards (two fields a line, moved up and down);
 * adding a row focuses its first control, removing one focuses the add button.
 */
export function RowEditor<R extends { key: number }>({
  rows,
  errors,
  pointer,
  fields,
  newRow,
  onChange,
  layout,
  texts,
}: {
  rows: R[];
  errors: Errors;
  /** The JSON pointer of row i. */
  pointer: (i: number) => string;
  fields: RowField<R>[];
  newRow: (rows: R[]) => R;
  onChange: (rows: R[]) => void;
  layout: Layout;
  texts: RowEditorTexts;
}) {
  const { t } = useTranslation('procedures');
  const { root, focusLater } = useFocusAfterRender();
  const update = (i: number) => (patch: Partial<R>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const errorsOf = (i: number, f: RowField<R>) => {
    const found = f.errorPaths.flatMap((p) => errors[pointer(i) + p] ?? []);
    return found.length ? found : undefined;
  };
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
    // Keep focus on the moved row's button; at either end, on its other move button.
    const atEdge = (by === -1 && j === 0) || (by === 1 && j === rows.length - 1);
    focusLater(`[data-step="${rows[i].key}"] [data-move="${atEdge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}"]`);
  };
  const removeButton = (i: number) => (
    <button
      type="button"
      className="secondary small-button"
      onClick={() => {
        onChange(rows.filter((_, j) => j !== i));
        focusLater('[data-add]');
      }}
      aria-label={texts.removeN(i + 1)}
    >
      {t('editor.remove')}
    </button>
  );

  const list =
    layout.kind === 'table' ? (
      rows.length > 0 ? (
        <div className="table-wrap">
          <table className={layout.className} data-testid={layout.testId}>
            <thead>
              <tr>
                {fields.map((f) => (
                  <th scope="col" key={f.label}>
                    {f.label}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">{layout.actionsHeader}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key} data-row={r.key}>
                  {fields.map((f) => (
                    <td key={f.label}>
                      <Cell label={layout.cellLabel(i + 1, f.label)} errors={errorsOf(i, f)}>
                        {(p) => f.control(r, p, update(i))}
                      </Cell>
                    </td>
                  ))}
                  <td>{removeButton(i)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{texts.empty}</p>
      )
    ) : (
      <>
        {rows.length === 0 && <p className="muted">{texts.empty}</p>}
        <ol className="step-editor" data-testid={layout.testId}>
          {rows.map((r, i) => (
            <li key={r.key} data-step={r.key} className="card step-card">
              <h3 className="step-title">{layout.title(i + 1)}</h3>
              {pairs(fields).map((pair) => (
                <div className="two-col" key={pair[0].label}>
                  {pair.map((f) => (
                    <Field key={f.label} label={f.label} errors={errorsOf(i, f)}>
                      {(p) => f.control(r, p, update(i))}
                    </Field>
                  ))}
                </div>
              ))}
              <div className="actions row-actions">
                <button
                  type="button"
                  className="secondary small-button"
                  data-move="up"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('editor.moveUpN', { n: i + 1 })}
                >
                  {t('editor.moveUp')}
                </button>
                <button
                  type="button"
                  className="secondary small-button"
                  data-move="down"
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('editor.moveDownN', { n: i + 1 })}
                >
                  {t('editor.moveDown')}
                </button>
                {removeButton(i)}
              </div>
            </li>
          ))}
        </ol>
      </>
    );

  return (
    <div ref={root}>
      {list}
      <button
        type="button"
        className="secondary"
        data-add
        data-testid={texts.addTestId}
        onClick={() => {
          onChange([...rows, newRow(rows)]);
          focusLater(`${layout.kind === 'table' ? 'tbody tr' : 'li'}:last-child ${FIRST_CONTROL}`);
        }}
      >
        {texts.add}
      </button>
    </div>
  );
}

/** Fields two by two, for the cards' two-column lines. */
function pairs<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += 2) out.push(list.slice(i, i + 2));
  return out;
}
