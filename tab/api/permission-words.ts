/**
 * Microsoft Graph permissions in plain words, for the apps view. Delegated permissions act as the
 * signed-in user (limited to what that user may do); application permissions act as the app
 * itself, with no user, across the whole tenant.
 */
const WORDS: Record<string, string> = {
  'User.Read': 'sign users in and read their own profile',
  'User.ReadBasic.All': "read every user's basic profile",
  'User.Read.All': "read every user's full profile",
  'User.ReadWrite.All': 'read and change every user',
  'Group.Read.All': 'read every group and its members',
  'Group.ReadWrite.All': 'create, change and delete groups and their members',
  'GroupMember.Read.All': 'read group memberships',
  'Directory.Read.All': 'read everything in the directory',
  'Directory.ReadWrite.All': 'read and change everything in the directory',
  'Directory.AccessAsUser.All': 'do in the directory whatever the signed-in user can do',
  'Mail.Read': 'read mail',
  'Mail.ReadBasic': 'read mail without bodies or attachments',
  'Mail.ReadWrite': 'read, change and delete mail',
  'Mail.Send': 'send mail as any user',
  'Calendars.Read': 'read calendars',
  'Calendars.ReadWrite': 'read and change calendars',
  'Contacts.Read': 'read contacts',
  'Contacts.ReadWrite': 'read and change contacts',
  'Files.Read': "read the user's files",
  'Files.Read.All': 'read all files the app can reach in OneDrive and SharePoint',
  'Files.ReadWrite.All': 'read, change and delete all files in OneDrive and SharePoint',
  'Sites.Read.All': 'read all SharePoint sites',
  'Sites.ReadWrite.All': 'read and change all SharePoint sites',
  'Sites.FullControl.All': 'full control of all SharePoint sites',
  'Application.Read.All': 'read every app registration and enterprise app',
  'Application.ReadWrite.All': 'create and change every app, including its credentials',
  'Application.ReadWrite.OwnedBy': 'change the apps it owns',
  'AppRoleAssignment.ReadWrite.All': 'grant any app permission, including to itself',
  'RoleManagement.ReadWrite.Directory': 'assign any admin role, including Global Administrator',
  'DelegatedPermissionGrant.ReadWrite.All': 'grant delegated permissions to any app',
  'Organization.Read.All': "read the organisation's profile and subscriptions",
  'Domain.Read.All': 'read domains',
  'AuditLog.Read.All': 'read audit and sign-in logs',
  'Policy.Read.All': "read the organisation's policies",
  'ServiceHealth.Read.All': 'read Microsoft 365 service health',
  'Team.ReadBasic.All': 'read the names and descriptions of teams',
  'Chat.Read': 'read chat messages',
  'ChannelMessage.Read.All': 'read all channel messages',
  openid: 'sign users in',
  profile: "read users' basic profile",
  email: "read users' email address",
  offline_access: 'keep access while the user is away',
};

export function permissionInWords(permission: string, kind: 'delegated' | 'application'): string {
  const words = WORDS[permission];
  if (!words)
    return kind === 'application' ? `${permission} (as the app, for the whole organisation)` : `${permission} (as the signed-in user)`;
  return kind === 'application'
    ? `${capitalise(words)}, as the app, for the whole organisation`
    : `${capitalise(words)}, as the signed-in user`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
