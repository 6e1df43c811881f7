/**
 * The lab: every view at once, sized so the lecture machine fits 1280x720 without scrolling.
 * Left: address spaces and actions. Middle: physical memory and page tables. Right: the
 * struct page inspector and counters. Then the timeline; at the bottom the narration, the
 * simulated-time view and the scenario editor.
 */
import { ActionBar } from '../actions/ActionBar';
import { AddressSpace } from './AddressSpace';
import { Counters } from './Counters';
import { DraftNoticeBar } from './DraftNoticeBar';
import { ErrorBanner } from './ErrorBanner';
import { Inspector } from './Inspector';
import { MemoryGrids } from './MemoryGrids';
import { Narration } from './Narration';
import { PageTableView } from './PageTableView';
import { ScenarioPanel } from '../scenario/ScenarioPanel';
import { Timeline } from '../timeline/Timeline';
import { TimeView } from '../timeline/TimeView';
import { useTimelineKeys } from '../timeline/useTimelineKeys';
import { useState, type ReactNode } from 'react';
import { useLab } from '../../store/react';
import { useMode } from '../modes/modeContext';
import { useAppKeys } from '../modes/useAppKeys';
import { PredictCard } from '../predict/PredictCard';
import { TopBar } from './TopBar';
import { Pending } from '../../ui/Pending';
import { useMountStages } from '../../ui/useMountStages';
import { Tour } from '../tour/Tour';
import { LeaderLine } from '../relations/LeaderLine';

export function Lab({ debug, tour = false }: { debug: boolean; tour?: boolean }) {
  const { mode, setMode } = useMode();
  const predictOn = useLab((s) => s.predict.on);
  const setPredict = useLab((s) => s.setPredict);
  const [help, setHelp] = useState(false);
  // The frame first (a small first render, which warms React up), then the top bar, the
  // address space, the actions, then a column per frame (useMountStages): at once, a cold
  // load's first render and layout were one task of 70-100 ms.
  const stage = useMountStages(8);
  const at = (n: number, part: ReactNode): ReactNode => (stage >= n ? part : <Pending />);
  useTimelineKeys();
  useAppKeys({
    help: () => setHelp(true),
    present: () => setMode({ ...mode, kind: 'present' }),
    predict: () => setPredict(!predictOn),
  });
  return (
    <div
      data-testid="lab"
      className="flex h-screen min-h-[700px] flex-col overflow-hidden bg-slate-950 text-slate-100"
    >
      {stage >= 2 ? (
        <>
          <TopBar debug={debug} help={help} setHelp={setHelp} />
          <ErrorBanner />
          <DraftNoticeBar />
        </>
      ) : (
        <div className="h-10 border-b border-slate-800" />
      )}
      {predictOn && (
        <div className="shrink-0 px-2 pt-2">
          <PredictCard />
        </div>
      )}
      <main className="grid min-h-0 flex-1 grid-cols-[minmax(340px,1fr)_424px_400px] gap-2 p-2">
        <div className="grid min-h-0 grid-rows-[minmax(92px,1fr)_auto] gap-2">
          {at(3, <AddressSpace />)}
          {at(4, <ActionBar />)}
        </div>
        <div className="grid min-h-0 grid-rows-[minmax(0,1.1fr)_minmax(0,1fr)] gap-2">
          {at(5, <MemoryGrids />)}
          {at(5, <PageTableView />)}
        </div>
        <div className="grid min-h-0 grid-rows-[minmax(0,1.3fr)_minmax(0,0.7fr)] gap-2">
          {at(6, <Inspector />)}
          {at(6, <Counters />)}
        </div>
      </main>
      {stage >= 7 ? <Timeline /> : <div className="h-9" />}
      <footer className="grid h-[180px] grid-cols-[1fr_382px_400px] gap-2 px-2 pb-2">
        {at(8, <Narration />)}
        {at(8, <TimeView />)}
        {at(8, <ScenarioPanel />)}
      </footer>
      {stage >= 8 && <Tour initiallyOpen={tour} />}
      <LeaderLine />
    </div>
  );
}
