import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  teamsLightTheme,
} from '@fluentui/react-components';

interface Props {
  /** 'slow': Teams has not answered yet (the tab still waits); 'failed': teams-js gave up. */
  problem: 'slow' | 'failed';
  detail?: string;
}

/** Shown in place of the tab while Microsoft Teams does not start it: never the demo sign-in. */
export function HostProblem({ problem, detail }: Props): JSX.Element {
  return (
    <FluentProvider theme={teamsLightTheme}>
      <main className="boot">
        <h1>Entra status</h1>
        <div role="alert">
          <MessageBar intent={problem === 'slow' ? 'warning' : 'error'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {problem === 'slow' ? 'Microsoft Teams is not answering' : 'Could not connect to Microsoft Teams'}
              </MessageBarTitle>
              {problem === 'slow'
                ? 'The tab is waiting for Microsoft Teams to start it. If this stays, reload the tab, or restart Teams.'
                : `Microsoft Teams did not start the tab (${detail ?? 'no reason given'}). Reload the tab, or restart Teams.`}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => location.reload()}>Reload</Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      </main>
    </FluentProvider>
  );
}
