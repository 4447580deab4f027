// The saved license page with its withdraw dialog open (test/fixtures/license-page/dialog.sv.html)
// as the test document's content: parsed as a document of its own and its nodes adopted, so no
// markup is injected as a string.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'license-page', 'dialog.sv.html');

export function loadSavedDialogPage(doc: Document = document): void {
  const saved = new DOMParser().parseFromString(readFileSync(FIXTURE, 'utf8'), 'text/html');
  doc.documentElement.replaceChildren(
    ...[...saved.documentElement.childNodes].map((node) => doc.adoptNode(node)),
  );
}
