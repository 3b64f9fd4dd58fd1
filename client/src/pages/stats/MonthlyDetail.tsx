import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MonthlyTable, type MonthlyRow } from './MonthlyTable';

interface Props {
  /** Heading level of "Monthly detail" (2 on the admin page, 3 inside the provider's section). */
  level: 2 | 3;
  /** The picker's label ("Dataset" or "Provider"). */
  pickLabel: string;
  testId: string;
  /** What can be picked, in the order listed; `name` is shown in the picker and the caption. */
  options: Array<{ id: string; name: string }>;
  selected: string;
  onSelect: (id: string) => void;
  /** The monthly rows of the selected one. */
  rows: MonthlyRow[];
  threshold: number;
}

/** "Monthly detail": a picker of one dataset or provider and its month × event table. */
export function MonthlyDetail({ level, pickLabel, testId, options, selected, onSelect, rows, threshold }: Props) {
  const { t } = useTranslation('stats');
  const pickId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  const chosen = options.find((o) => o.id === selected);
  return (
    <>
      <Heading>{t('detail.heading')}</Heading>
      <div className="stats-pick">
        <label htmlFor={pickId}>{pickLabel}</label>
        <select id={pickId} value={selected} onChange={(e) => onSelect(e.target.value)} data-testid={testId}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      {chosen && <MonthlyTable caption={t('detail.caption', { name: chosen.name })} rows={rows} threshold={threshold} />}
    </>
  );
}
