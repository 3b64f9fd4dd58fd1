import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import './confirm-box.css';

/**
 * The confirmation step before an act that is hard to undo: an inline alert dialog that takes the
 * focus when it opens, states what will happen, and offers the act and a way back (the button, or
 * Escape). Every confirmation in the client uses this one. Labels come from the caller's
 * translations; `confirmTestId` and `cancelTestId` keep the test ids a page already had.
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
  confirmTestId = `${testId}-yes`,
  cancelTestId = `${testId}-no`,
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
  confirmTestId?: string;
  cancelTestId?: string;
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
        <button type="button" className={tone === 'danger' ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm} data-testid={confirmTestId}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel} data-testid={cancelTestId}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}

/**
 * The open/closed state of a confirmation and the button that opened it: cancelling gives that
 * button the focus back once it is on screen again.
 */
export function useConfirmStep() {
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const ask = useCallback(() => setOpen(true), []);
  const close = useCallback(() => setOpen(false), []);
  const cancel = useCallback(() => {
    setOpen(false);
    setTimeout(() => triggerRef.current?.focus());
  }, []);
  return { open, ask, close, cancel, triggerRef };
}
