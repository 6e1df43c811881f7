/**
 * The session as a scenario: the machine and every command clicked so far, in the text format
 * (each click appends its line). Copy it to save the session or paste it into a slide.
 */
import { useState } from 'react';
import { format } from '../../scenario/format';
import { selectCommands, selectSpec } from '../../store/selectors';
import { useLab } from '../../store/react';
import { Button } from './Button';
import { Panel } from './Panel';

export function ScenarioText() {
  const spec = useLab(selectSpec);
  const commands = useLab(selectCommands);
  const [copied, setCopied] = useState(false);
  let text: string;
  try {
    text = format({
      title: null,
      machine: spec,
      steps: commands.map((command) => ({ command, expects: [], line: 0 })),
    });
  } catch (e) {
    text = `# this session cannot be written as a scenario: ${(e as Error).message}`;
  }
  const copy = (): void => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Panel
      title="Scenario"
      testId="scenario"
      aside={
        <Button testId="copy-scenario" onClick={copy}>
          {copied ? 'copied' : 'copy'}
        </Button>
      }
    >
      <pre
        className="font-mono text-[10px] leading-snug text-slate-300"
        data-testid="scenario-text"
      >
        {text}
      </pre>
    </Panel>
  );
}
