/** What the tab API needs from notifications (history for the chart, settings): declared once, in the contract. */
export type { TabNotifications as TabNotificationsPort } from '../../contract/notifications';
