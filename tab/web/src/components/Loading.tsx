import { Skeleton, SkeletonItem } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** Skeleton placeholder while a view loads; announced once by its label. */
export function Loading({ label, rows = 4, tiles = 0 }: { label: string; rows?: number; tiles?: number }): JSX.Element {
  return (
    <div aria-busy="true" aria-label={label} role="progressbar" className="loading">
      <Skeleton aria-hidden="true">
        {tiles > 0 && (
          <div className="tiles">
            {Array.from({ length: tiles }, (_, i) => (
              <SkeletonItem key={i} shape="rectangle" size={72} />
            ))}
          </div>
        )}
        {Array.from({ length: rows }, (_, i) => (
          <div className="skeleton-row" key={i}>
            <SkeletonItem shape="circle" size={24} />
            <SkeletonItem shape="rectangle" size={16} />
          </div>
        ))}
      </Skeleton>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }): JSX.Element {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}
