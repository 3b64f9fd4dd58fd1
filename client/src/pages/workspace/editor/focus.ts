// Moving the focus to the control of a field named by a JSON pointer (error summaries, failed checks).

/** Finds the control of a JSON pointer (or of its nearest enclosing field) and focuses it. */
export function focusPath(path: string): void {
  const esc = (s: string) => (window.CSS?.escape ? window.CSS.escape(s) : s.replace(/"/g, '\\"'));
  let p = path;
  while (p) {
    const el =
      document.querySelector<HTMLElement>(`[data-path="${esc(p)}"]`) ?? document.querySelector<HTMLElement>(`[data-path^="${esc(p)}/"]`);
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
      return;
    }
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
