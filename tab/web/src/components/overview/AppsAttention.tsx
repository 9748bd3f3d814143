import { Link } from '@fluentui/react-components';
import type { AppsSummaryResponse } from '../../../../../contract/apps-summary';
import type { LoadState } from '../../hooks/useLoad';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "3 apps need attention" beside the findings' own counts, a link to the apps view. Its numbers
 * come from their own request (the apps read is slower than the status, and shared with the apps
 * view), so the overview shows first and this line says it is still counting.
 */
export function AppsAttention({ state, onOpen }: { state: LoadState<AppsSummaryResponse>; onOpen: () => void }): JSX.Element {
  if (!state.data) {
    return (
      <span className="muted apps-attention" data-testid="apps-attention" data-state={state.status}>
        {' '}
        · {state.status === 'error' ? `apps not counted: ${state.error.message}` : 'counting apps…'}
      </span>
    );
  }
  const s = state.data;
  const kinds = [
    s.credentialsExpired && plural(s.credentialsExpired, 'with an expired credential', 'with expired credentials'),
    s.credentialsExpiring && `${s.credentialsExpiring} expiring soon`,
    s.highPrivilege && `${s.highPrivilege} high-privilege`,
    s.excluded && `${s.excluded} excluded from alerts`,
  ].filter(Boolean);
  return (
    <span
      className="apps-attention"
      data-testid="apps-attention"
      data-state={state.status === 'ok' && !state.refreshing ? 'ok' : 'refreshing'}
      data-count={s.needAttention}
    >
      {' '}
      ·{' '}
      <Link
        href="?view=apps"
        onClick={(event) => {
          event.preventDefault();
          onOpen();
        }}
      >
        {s.needAttention === 0
          ? `no app needs attention (${plural(s.apps, 'app', 'apps')} read)`
          : plural(s.needAttention, 'app needs attention', 'apps need attention')}
      </Link>
      {kinds.length > 0 && <span className="muted"> ({kinds.join(', ')})</span>}
    </span>
  );
}
