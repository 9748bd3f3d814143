import type { AppRow, ConsentKind } from '../../../../../contract/tab';

export const CONSENT_LABEL: Record<ConsentKind, string> = {
  admin: 'Admin (tenant-wide)',
  user: 'Users',
  none: 'None',
};

export function publisherText(app: AppRow): string {
  return app.publisher ?? (app.ownedByThisTenant ? 'This tenant' : 'Unknown publisher');
}
