/**
 * When many alerts of one kind become one message: the threshold shared by the notifications'
 * delivery plan (notifications/consolidate.ts) and the daily digest card (cards/alerts.ts).
 */

/**
 * More than this many messages of one kind and code to one conversation in one check are sent as
 * one. Three: three cards of the same finding are still read one by one, each with its own buttons;
 * from the fourth on a chat fills a screen with near-identical cards (what Maester and CIPP users ask
 * to "consolidate"), and Teams lets a bot post only 7 messages a second and 60 in 30 seconds to a
 * conversation, so a flood of 560 cards would also take minutes to arrive.
 * A check that finds one problem with sync and one with federation is never affected (per code).
 */
export const CONSOLIDATE_ABOVE = 3;
