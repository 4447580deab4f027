// The run-time checks of views and schedules (valibot): for the background's protocol screening and
// for the settings file's import (views travel with the settings). Types are in ./plans.ts.
import * as v from 'valibot';

const ROLES = ['STUDENT', 'TEACHER', 'ADMIN'] as const;
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80));
const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8_640_000_000_000_000));

/** At most this many saved views (a school has a few dozen classes). */
const MAX_VIEWS = 200;

const viewFiltersSchema = v.strictObject({
  query: text(200),
  classes: v.pipe(v.array(text(100)), v.maxLength(100)),
  roles: v.pipe(v.array(v.picklist(ROLES)), v.maxLength(3)),
  leftOnly: v.boolean(),
});

const savedViewSchema = v.strictObject({
  id,
  name,
  toolId: v.nullable(id),
  toolName: v.nullable(text(300)),
  filters: viewFiltersSchema,
  createdAt: time,
  updatedAt: time,
});

export const savedViewsSchema = v.pipe(
  v.array(savedViewSchema),
  v.maxLength(MAX_VIEWS),
  v.check((views) => new Set(views.map((x) => x.id)).size === views.length, 'two views share an id'),
);

/** A view as a UI saves it: the background gives it its id (new) and times. */
export const viewDraftSchema = v.strictObject({
  id: v.optional(id),
  name,
  toolId: v.nullable(id),
  toolName: v.nullable(text(300)),
  filters: viewFiltersSchema,
});

/** A schedule as a UI saves it: the background gives it its id (new), state and times. */
export const scheduleDraftSchema = v.strictObject({
  id: v.optional(id),
  name,
  filters: viewFiltersSchema,
  viewId: v.nullable(id),
  people: v.nullable(
    v.pipe(
      v.array(v.strictObject({ type: v.picklist(['USER', 'GROUP']), id })),
      v.minLength(1),
      v.maxLength(10_000),
    ),
  ),
  toolIds: v.nullable(v.pipe(v.array(id), v.minLength(1), v.maxLength(500))),
  schoolIds: v.optional(v.pipe(v.array(id), v.minLength(1), v.maxLength(50))),
  runAt: time,
});
