import type { ReactNode } from 'react';

/**
 * Results with an optional filter sidebar. Without a sidebar nothing is reserved for it, so the
 * results take the full width. On narrow screens the sidebar folds away unless `sidebarOpen`.
 */
export function CatalogLayout({ sidebar, sidebarLabel, sidebarId, sidebarOpen = false, children }: { sidebar?: ReactNode; sidebarLabel?: string; sidebarId?: string; sidebarOpen?: boolean; children: ReactNode }) {
  return (
    <div className={sidebar ? 'catalog-layout with-sidebar' : 'catalog-layout'}>
      {sidebar && (
        <aside id={sidebarId} className={sidebarOpen ? 'catalog-sidebar open' : 'catalog-sidebar'} aria-label={sidebarLabel}>
          {sidebar}
        </aside>
      )}
      <div className="catalog-results">{children}</div>
    </div>
  );
}
