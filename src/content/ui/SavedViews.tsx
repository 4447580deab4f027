// The panel's saved-views section. With no view for this tool yet (most dialogs), it is the frame
// and its "save view" button; the full part (Views.tsx: the list, apply, rename, delete and the
// save form) loads when there is a view to list or one is to be saved (the button, or Alt+S).
import { useState } from 'preact/hooks';
import { isRestrictive } from '../../shared/plans.ts';
import type { Plans } from '../dialog/plans.ts';
import { useSaveRequests, useSubscription } from './hooks.ts';
import { lazy } from './lazy.tsx';
import { LazySaveView } from './parts.ts';
import { SaveViewButton, ViewsFrame } from './ViewsFrame.tsx';

/** Views.tsx, a chunk of its own (declared here, not in parts.ts, which Views.tsx imports). */
const LazyViews = lazy(() => import('./Views.tsx').then((m) => m.Views), 'inline');

const preload = () => {
  LazyViews.preload();
  LazySaveView.preload();
};

export function SavedViews({ plans, classes }: { plans: Plans; classes: readonly string[] }) {
  useSubscription(plans);
  const [openSave, setOpenSave] = useState(false);
  // Alt+S while only the frame shows: the full part opens with its save form.
  useSaveRequests(plans, () => setOpenSave(true));
  if (openSave || plans.applicable.length > 0)
    return <LazyViews plans={plans} classes={classes} openSave={openSave} />;
  const current = plans.current();
  return (
    <ViewsFrame plans={plans}>
      <SaveViewButton
        restrictive={current !== null && isRestrictive(current)}
        onPreload={preload}
        onOpen={() => setOpenSave(true)}
      />
    </ViewsFrame>
  );
}
