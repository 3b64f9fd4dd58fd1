// Asking before unsaved changes are lost: in the app (the router's blocker) and when closing the tab.
import { useEffect, type RefObject } from 'react';
import { useBlocker } from 'react-router';

/**
 * Blocks in-app navigation to another page while `block` (unless `allowLeave` is set, when the
 * editor navigates itself) and makes the browser ask before the tab is closed while `dirty`.
 */
export function useLeaveGuard({ block, dirty, allowLeave }: { block: boolean; dirty: boolean; allowLeave: RefObject<boolean> }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => block && !allowLeave.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return blocker;
}
