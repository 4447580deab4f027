// The content script, built once more after the extension (scripts/build.ts) into the same folder,
// from its own module graph. In the extension's build its modules were cut into chunks shared with
// the options page and the background: a license page with its withdraw dialog open fetched 13
// files, each gzipped on its own (32.9 KB together). Here it is cut by when it is needed: the
// start-up file every page of an allowed origin loads (the entry), one file with all that a
// recognised license page needs beyond it (the feature imports the panel at once), and the parts
// that load on first use (a confirmation, a form, the match list, page mode) as before.
// scripts/build.ts then points crxjs's loader at this entry.
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Rolldown } from 'vite';
import { bareDynamicImports, common } from './vite.config.ts';

const ENTRY = resolve('src/content/index.ts');
/** What a recognised license page loads: its feature, which imports the panel at once. */
const LICENSE_PAGE = [
  resolve('src/content/features/license-page-run.ts'),
  resolve('src/content/ui/license-ui.tsx'),
];

/** Modules reached from `from` through static imports, not going into `stop`. */
function staticClosure(
  from: string[],
  ctx: Rolldown.ChunkingContext,
  stop: ReadonlySet<string> = new Set(),
): Set<string> {
  const seen = new Set<string>();
  const todo = [...from];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    if (seen.has(id) || stop.has(id)) continue;
    seen.add(id);
    todo.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * The file of each module: the start-up file holds what the entry imports statically, the
 * license page's file what a recognised page needs beyond it. Computed once per build; the
 * modules of neither (those a later action imports) are left to rolldown.
 */
function filesOf(ctx: Rolldown.ChunkingContext): Map<string, string> {
  const boot = staticClosure([ENTRY], ctx);
  const page = staticClosure(LICENSE_PAGE, ctx, boot);
  return new Map([
    ...[...boot].map((id) => [id, 'boot'] as const),
    ...[...page].map((id) => [id, 'license-ui'] as const),
  ]);
}

export default defineConfig(() => {
  let files: Map<string, string> | undefined;
  return {
    ...common,
    plugins: [bareDynamicImports(), preact()],
    build: {
      ...common.build,
      emptyOutDir: false,
      modulePreload: false,
      rolldownOptions: {
        input: { content: ENTRY },
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          entryFileNames: 'assets/content-[hash].js',
          chunkFileNames: 'assets/content-[name]-[hash].js',
          codeSplitting: {
            groups: [
              {
                debugName: 'content',
                // The start-up file's modules stay in it (the groups import them from there).
                includeDependenciesRecursively: false,
                name: (id, ctx) => {
                  files ??= filesOf(ctx);
                  return files.get(id) ?? null;
                },
              },
            ],
          },
        },
      },
    },
  };
});
