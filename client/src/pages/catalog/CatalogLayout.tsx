import type { ReactNode } from 'react';

/**
 * Results with an optional sidebar (facets, once search arrives). Without a sidebar nothing is
 * reserved for it, so the results take the full width.
 */
export function CatalogLayout({ sidebar, sidebarLabel, children }: { sidebar?: ReactNode; sidebarLabel?: string; children: ReactNode }) {
  return (
    <div className={sidebar ? 'catalog-layout with-sidebar' : 'catalog-layout'}>
      {sidebar && (
        <aside className="catalog-sidebar" aria-label={sidebarLabel}>
          {sidebar}
        </aside>
      )}
      <div className="catalog-results">{children}</div>
    </div>
  );
}
