// What never leaves the background: the Skolon session's CSRF token. The adapter keeps its token in
// memory (src/background/api/license-api.ts); the session that is stored, broadcast and answered has none, and the
// router passes every reply through withoutSecrets as a last guard.

/** Keys whose values stay in the background, at any depth of anything sent out. */
const SECRET_KEYS: ReadonlySet<string> = new Set(['csrfToken']);

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * `value` without any secret key, at any depth of plain objects and arrays. Copies only the objects
 * on the way to a secret (the rest is shared, and nothing is mutated); returns `value` itself when
 * it holds none, so a large reply without secrets costs one walk and no copy.
 */
export function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item: unknown, i) => {
      const next = withoutSecrets(item);
      if (next !== item) {
        copy ??= [...value];
        copy[i] = next;
      }
    });
    return (copy ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    if (SECRET_KEYS.has(key)) {
      copy ??= { ...value };
      delete copy[key];
      continue;
    }
    const item = value[key];
    const next = withoutSecrets(item);
    if (next !== item) {
      copy ??= { ...value };
      copy[key] = next;
    }
  }
  return (copy ?? value) as T;
}
