// Everything one running sandbox holds: data, sessions, faults and the call log.
import { Store } from './api/store.ts';
import { type Dataset, generateDataset } from './data/generate.ts';
import { Faults } from './faults.ts';
import { CallLog } from './log.ts';
import { DEFAULT_MODES, type SandboxModes } from './modes.ts';
import { Sessions } from './sessions.ts';

export interface ContextOptions {
  seed: number;
  students: number;
  /** YYYY-MM-DD; default: the real current date at start-up (kept across resets). */
  today?: string;
  /** How the site looks and which API its page uses (default: DEFAULT_MODES). */
  modes?: SandboxModes;
  /** Changes the generated data before it is served, at start and after every reset (tests only:
   * e.g. hostile names). Ids the fixtures name should stay as they are. */
  patchData?: (ds: Dataset) => void;
}

export class SandboxContext {
  store: Store;
  readonly sessions = new Sessions();
  readonly faults: Faults;
  readonly log = new CallLog();
  readonly today: string;
  readonly modes: SandboxModes;

  constructor(readonly options: ContextOptions) {
    this.modes = { ...DEFAULT_MODES, ...options.modes };
    const ds = generateDataset({ seed: options.seed, students: options.students, today: options.today });
    options.patchData?.(ds);
    this.today = ds.today;
    this.store = new Store(ds);
    this.faults = new Faults(options.seed);
  }

  /** Restore the seed data, clear faults and the log. Existing sessions stay valid (a test can reset
   * without logging in again); their stored Idempotency-Key responses are dropped. */
  reset(): void {
    const ds = generateDataset({
      seed: this.options.seed,
      students: this.options.students,
      today: this.today,
    });
    this.options.patchData?.(ds);
    this.store = new Store(ds);
    this.faults.clear();
    this.log.clear();
    this.sessions.clearIdempotency();
  }
}
