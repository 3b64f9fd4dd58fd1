// Form controls of the dataset editor. Each control knows the JSON pointer of the field it edits
// (`data-path`, used to focus it from an error summary) and shows the errors found there.
import { createContext, useContext, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { errorsAt, type ErrorMap } from '../../../lib/validation';
import type { BiInput } from './form';

interface FormContextValue {
  errors: ErrorMap;
}

/** The errors the editor currently shows, by JSON pointer. */
export const FormErrorsContext = createContext<FormContextValue>({ errors: {} });

function useErrors(path: string, deep: boolean): string[] | undefined {
  return errorsAt(useContext(FormErrorsContext).errors, path, deep);
}

interface TextFieldProps {
  label: string;
  path: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'email' | 'url' | 'date' | 'number';
  inputMode?: 'numeric' | 'decimal' | 'text';
  lang?: string;
  testId?: string;
  readOnly?: boolean;
  maxLength?: number;
  /** Also show the errors of list items and sub-fields (e.g. `/keywords/ko/2`). */
  deep?: boolean;
  /** Where this field's errors are, when not at `path` (a text field editing a list the schema checks item by item). */
  errorPath?: string;
  autoComplete?: string;
}

/** A labelled text input or textarea bound to one field. */
export function TextField({ label, path, value, onChange, hint, required, multiline, type = 'text', inputMode, lang, testId, readOnly, maxLength, deep, errorPath, autoComplete }: TextFieldProps) {
  const errors = useErrors(errorPath ?? path, !!deep);
  return (
    <Field label={label} hint={hint} errors={errors} required={required}>
      {(p) =>
        multiline ? (
          <textarea {...p} data-path={path} data-testid={testId} lang={lang} value={value} readOnly={readOnly} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...p}
            type={type}
            inputMode={inputMode}
            data-path={path}
            data-testid={testId}
            lang={lang}
            value={value}
            readOnly={readOnly}
            maxLength={maxLength}
            autoComplete={autoComplete ?? 'off'}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

/** The errors of a group (fieldset), announced with it through aria-describedby. */
function GroupErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <ul className="field-errors" id={id}>
      {errors.map((e, i) => (
        <li key={i}>{e}</li>
      ))}
    </ul>
  );
}

interface GroupProps {
  legend: string;
  path: string;
  hint?: string;
  required?: boolean;
  /** Errors shown at the group: only its own path, or everything inside it too. */
  deep?: boolean;
  /** A field inside shows the group's errors (so each appears once). */
  errorsInside?: boolean;
  className?: string;
  children: ReactNode;
}

/** A fieldset with legend, hint and the group's errors; focusable from the error summary. */
export function Group({ legend, path, hint, required, deep = false, errorsInside = false, className, children }: GroupProps) {
  const id = useId();
  const all = useErrors(path, deep);
  const errors = errorsInside ? undefined : all;
  const describedBy = [hint ? `${id}-hint` : '', errors?.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={['group', errors?.length ? 'has-error' : '', className ?? ''].filter(Boolean).join(' ')} data-path={path} tabIndex={-1} aria-describedby={describedBy} aria-invalid={errors?.length ? true : undefined}>
      <legend>
        {legend}
        {required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      <GroupErrors id={`${id}-err`} errors={errors} />
    </fieldset>
  );
}

interface BilingualFieldProps {
  legend: string;
  path: string;
  value: BiInput;
  onChange: (value: BiInput) => void;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  maxLength?: number;
  testIds?: { ko?: string; en?: string };
  /** Per-language hint, e.g. "comma-separated". */
  inputHint?: string;
  deep?: boolean;
}

/** A Korean and an English input for one bilingual field. */
export function BilingualField({ legend, path, value, onChange, hint, required, multiline, maxLength, testIds, inputHint, deep }: BilingualFieldProps) {
  const { t } = useTranslation('workspace');
  return (
    <Group legend={legend} path={path} hint={hint} required={required} className="bilingual">
      <div className="bilingual-row">
        {(['ko', 'en'] as const).map((l) => (
          <TextField
            key={l}
            label={t(`lang.${l}`)}
            hint={inputHint}
            path={`${path}/${l}`}
            value={value[l]}
            lang={l}
            multiline={multiline}
            maxLength={maxLength}
            testId={testIds?.[l]}
            deep={deep}
            onChange={(v) => onChange({ ...value, [l]: v })}
          />
        ))}
      </div>
    </Group>
  );
}

export interface Option {
  code: string;
  label: string;
  hint?: string;
}

interface ChoiceGroupProps {
  legend: string;
  path: string;
  options: readonly Option[];
  hint?: string;
  required?: boolean;
  columns?: boolean;
  /** Also show errors of list items and sub-fields at the group (default true). */
  deep?: boolean;
}

/** Tick boxes for a list of codes (shown by their labels). */
export function CheckboxGroup({ legend, path, options, value, onChange, hint, required, columns = true, deep = true }: ChoiceGroupProps & { value: string[]; onChange: (value: string[]) => void }) {
  const name = useId();
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((c) => c !== code));
  return (
    <Group legend={legend} path={path} hint={hint} required={required} deep={deep}>
      <ul className={columns ? 'choices columns' : 'choices'}>
        {options.map((o) => (
          <li key={o.code}>
            <label className="choice">
              <input type="checkbox" name={name} value={o.code} checked={value.includes(o.code)} onChange={(e) => toggle(o.code, e.target.checked)} />
              <span>
                {o.label}
                {o.hint && <small className="choice-hint">{o.hint}</small>}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </Group>
  );
}

/** Radio buttons for one code. */
export function RadioGroup({ legend, path, options, value, onChange, hint, required, columns = false, deep = true, testId }: ChoiceGroupProps & { value: string; onChange: (value: string) => void; testId?: string }) {
  const name = useId();
  return (
    <Group legend={legend} path={path} hint={hint} required={required} deep={deep}>
      <ul className={columns ? 'choices columns' : 'choices'} data-testid={testId}>
        {options.map((o) => (
          <li key={o.code}>
            <label className="choice">
              <input type="radio" name={name} value={o.code} checked={value === o.code} onChange={() => onChange(o.code)} />
              <span>
                {o.label}
                {o.hint && <small className="choice-hint">{o.hint}</small>}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </Group>
  );
}

interface SelectFieldProps {
  label: string;
  path: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  required?: boolean;
  /** Label of the empty choice. */
  placeholder: string;
  testId?: string;
}

/** A labelled select of codes. */
export function SelectField({ label, path, options, value, onChange, hint, required, placeholder, testId }: SelectFieldProps) {
  const errors = useErrors(path, true);
  return (
    <Field label={label} hint={hint} errors={errors} required={required}>
      {(p) => (
        <select {...p} data-path={path} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{placeholder}</option>
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * What a typed value means, read back in words under its field ("한국어, 영어", "2.5 GB"), so codes
 * and raw numbers are checked by name (issue 13 item 7). Polite live region: it follows typing.
 */
export function Readback({ label, text, testId }: { label: string; text: string; testId?: string }) {
  return (
    <p className="readback" aria-live="polite" data-testid={testId}>
      {text && (
        <>
          <span className="readback-label">{label}</span> {text}
        </>
      )}
    </p>
  );
}
