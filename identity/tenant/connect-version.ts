/**
 * Whether an Entra Connect Sync client version is still supported, as far as Learn states a rule
 * that can be encoded. From "Microsoft Entra Connect: Version release history"
 * (https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-version-history,
 * ms.date 2023-11-06): every 1.x version is retired and stopped synchronising on 1 October 2023;
 * a 2.x build is retired 12 months after a newer build supersedes it. The second needs the release
 * date of every build, which Graph does not tell and this app does not keep, so a 2.x version is
 * shown with the rule, never judged.
 */

export const VERSION_HISTORY_PAGE = 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-version-history';

/** The day Entra Connect 1.x stopped synchronising (the page above). */
export const V1_SYNC_STOPPED = '2023-10-01';

export type VersionSupport =
  { verdict: 'retired'; major: number; note: string } | { verdict: 'notJudged'; major: number | null; note: string };

/** "1.6.16.0" is retired; "2.5.79.0" is not judged (see the module comment). */
export function versionSupport(version: string): VersionSupport {
  const match = /^(\d+)\.\d+\.\d+(?:\.\d+)?$/.exec(version.trim());
  if (!match) return { verdict: 'notJudged', major: null, note: 'not a version number this app can read, so its support is not judged' };
  const major = Number(match[1]);
  if (major <= 1) {
    return { verdict: 'retired', major, note: `Entra Connect 1.x is retired: it stopped synchronising on ${V1_SYNC_STOPPED}` };
  }
  return {
    verdict: 'notJudged',
    major,
    note: `a ${major}.x build is supported until 12 months after a newer build replaces it; Graph does not tell when this one was replaced, so check the version release history`,
  };
}
