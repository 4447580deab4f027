// The UI's parts that load on demand (lazy.tsx says why), one chunk each; the forms of saved views
// share theirs.
import { lazy } from './lazy.tsx';

export const LazyConfirm = lazy(() => import('./Confirm.tsx').then((m) => m.Confirm), 'card');
export const LazyResult = lazy(() => import('./Result.tsx').then((m) => m.Result), 'card');
export const LazyHelp = lazy(() => import('./Help.tsx').then((m) => m.Help), 'card');
export const LazyScheduleForm = lazy(
  () => import('./ScheduleForm.tsx').then((m) => m.ScheduleForm),
  'inline',
);
export const LazySaveView = lazy(() => import('./ViewForms.tsx').then((m) => m.SaveViewForm), 'inline');
export const LazyRenameView = lazy(() => import('./ViewForms.tsx').then((m) => m.RenameViewForm), 'inline');
export const LazyViewDelete = lazy(() => import('./ViewForms.tsx').then((m) => m.ViewDelete), 'inline');
export const LazyMatchList = lazy(() => import('./MatchList.tsx').then((m) => m.MatchList), 'inline');
