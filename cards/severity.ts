import type { Severity } from '../identity/tenant/findings';

/** How a severity reads on a card: its word and the Adaptive Card text colour (colour is never the only signal). */
export const SEVERITY_STYLE: Readonly<Record<Severity, { label: string; color: string }>> = {
  critical: { label: 'Critical', color: 'Attention' },
  warning: { label: 'Warning', color: 'Warning' },
  info: { label: 'Info', color: 'Default' },
};
