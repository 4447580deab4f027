// @vitest-environment happy-dom
// The withdrawal flow the panel holds from the start loads its work (withdrawal-work.ts) the first
// time a withdrawal is asked for, once; before that, what acts on a confirmation or a result card
// (there is none yet) does nothing; a work that cannot load is an error shown, and tried again.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Background, JobsBackground } from '../bridge.ts';
import type { DialogController } from './controller.ts';
import type { FlowDeps, FlowState } from './flow.ts';
import { WithdrawalFlow } from './withdrawal.ts';

const work = vi.hoisted(() => ({
  fail: true,
  made: [] as { deps: unknown; jobs: unknown; flow: unknown }[],
  asked: [] as unknown[],
}));

vi.mock('./withdrawal-work.ts', () => {
  if (work.fail) throw new Error('chunk gone');
  return {
    WithdrawalWork: class {
      constructor(deps: FlowDeps, jobs: JobsBackground, flow: FlowState) {
        work.made.push({ deps, jobs, flow });
      }
      async ask(controller: DialogController) {
        work.asked.push(controller);
      }
      cancel() {}
      async confirm() {}
      async retry() {}
      askUndo() {}
      async undo() {}
    },
  };
});

function newFlow() {
  const deps: FlowDeps = {
    bg: {} as Background,
    jobs: async () => JOBS,
    toolId: () => 't1',
    label: () => 'Matematik',
    refreshPage: () => undefined,
    signal: new AbortController().signal,
  };
  return { flow: new WithdrawalFlow(deps), deps };
}

const controller = {} as DialogController;
const JOBS = {} as JobsBackground;

describe('the withdrawal flow loads its work on first use', () => {
  // The failing load goes first: a module the mock has given once is not asked for again.
  beforeEach(() => {
    work.made.length = 0;
    work.asked.length = 0;
  });

  it('a work that cannot load is an error the panel shows; the next ask loads it', async () => {
    work.fail = true;
    const { flow } = newFlow();
    const seen: string[] = [];
    flow.subscribe(() => seen.push(flow.phase.name));
    await flow.ask(controller);
    expect(flow.phase.name).toBe('error');
    expect(seen).toEqual(['error']);
    expect(work.made).toHaveLength(0);
    work.fail = false;
    await flow.ask(controller);
    expect(work.made).toHaveLength(1);
    expect(work.asked).toEqual([controller]);
  });

  it('a new flow loads nothing, and the card actions do nothing before a withdrawal is asked for', async () => {
    const { flow } = newFlow();
    flow.cancel();
    flow.askUndo();
    await flow.confirm(document.createElement('div'));
    await flow.retry();
    await flow.undo();
    expect(work.made).toHaveLength(0);
    expect(flow.phase).toEqual({ name: 'idle' });
    expect(flow.busy).toBe(false);
  });

  it('asking loads the work once, gives it the deps, the withdrawal’s requests and the flow, and hands it each ask', async () => {
    const { flow, deps } = newFlow();
    await Promise.all([flow.ask(controller), flow.ask(controller)]);
    expect(work.made).toHaveLength(1);
    expect(work.made[0]?.deps).toBe(deps);
    expect(work.made[0]?.jobs).toBe(JOBS);
    expect(work.made[0]?.flow).toBe(flow);
    expect(work.asked).toEqual([controller, controller]);
    flow.preload();
    await flow.ask(controller);
    expect(work.made).toHaveLength(1);
  });
});
