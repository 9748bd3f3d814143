import { Tooltip } from '@fluentui/react-components';
import { exactTime, relativeTime } from '../format';

/** "7 hours ago", with the exact time in a tooltip and the title (keyboard users can focus it). */
export function TimeAgo({ iso, now, prefix = '' }: { iso: string | null | undefined; now: Date; prefix?: string }): JSX.Element {
  if (!iso) return <span>{prefix}never</span>;
  const exact = exactTime(iso);
  return (
    <Tooltip content={exact} relationship="description" withArrow>
      <time dateTime={iso} title={exact} tabIndex={0} className="time-ago">
        {prefix}
        {relativeTime(iso, now)}
      </time>
    </Tooltip>
  );
}
