import { useId, type ReactNode } from 'react';

/**
 * A labelled form control with its hint and field errors (from the JSON Schema or the server),
 * wired with aria-describedby and aria-invalid.
 */
export function Field({ label, hint, errors, required, children }: { label: string; hint?: string; errors?: string[]; required?: boolean; children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; required?: boolean }) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = errors?.length ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={errors?.length ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': errors?.length ? true : undefined, required })}
      {errId && (
        <ul className="field-errors" id={errId}>
          {errors!.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
