import { useEffect, useId, useRef, type ReactNode } from 'react';
import './confirm-box.css';

/**
 * The confirmation step before an act that is hard to undo: an inline alert dialog that takes the
 * focus when it opens, states what will happen, and offers the act and a way back (the button, or
 * Escape). The same pattern the account, membership and members pages write out by hand; new
 * confirmations use this one. Labels come from the caller's translations.
 */
export function ConfirmBox({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy = false,
  tone = 'warning',
  testId = 'confirm-box',
}: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  tone?: 'warning' | 'danger';
  testId?: string;
}) {
  const titleId = useId();
  const textId = useId();
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    boxRef.current?.focus();
  }, []);

  return (
    <div
      ref={boxRef}
      className={`confirm-box ${tone}`}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={children ? textId : undefined}
      tabIndex={-1}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p className="confirm-title" id={titleId}>
        <strong>{title}</strong>
      </p>
      {children && <div id={textId}>{children}</div>}
      <div className="actions">
        <button type="button" className={tone === 'danger' ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm} data-testid={`${testId}-yes`}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel} data-testid={`${testId}-no`}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
