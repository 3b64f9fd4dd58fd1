import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** The month range picker: two month fields and a button; the page reads the range from the URL. */
export function MonthRangeForm({
  from,
  to,
  onApply,
}: {
  from: string;
  to: string;
  onApply: (range: { from: string; to: string }) => void;
}) {
  const { t } = useTranslation('stats');
  const id = useId();
  const [draft, setDraft] = useState({ from, to });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A reversed range is put in order rather than refused.
    const [a, b] = draft.from <= draft.to ? [draft.from, draft.to] : [draft.to, draft.from];
    onApply({ from: a, to: b });
  };
  return (
    <form className="stats-range" onSubmit={submit} data-testid="stats-range">
      <fieldset>
        <legend>{t('range.legend')}</legend>
        <div className="stats-range-field">
          <label htmlFor={`${id}-from`}>{t('range.from')}</label>
          <input
            id={`${id}-from`}
            type="month"
            value={draft.from}
            required
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="stats-range-field">
          <label htmlFor={`${id}-to`}>{t('range.to')}</label>
          <input id={`${id}-to`} type="month" value={draft.to} required onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <button type="submit" className="secondary">
          {t('range.apply')}
        </button>
      </fieldset>
    </form>
  );
}
