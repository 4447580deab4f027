// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  captureView,
  inputsOf,
  type KeptView,
  PAINTED_MARK,
  popupModule,
  REPLAYED_GLOBAL,
  replayKept,
  replayView,
  VIEW_KEY,
  type ViewInputs,
  viewKey,
} from './view.ts';

/** Test markup of our own making, parsed as a page would be (into a detached document's body). */
const html = (markup: string) => new DOMParser().parseFromString(markup, 'text/html').body;

/** Captures `markup` and builds it again in a fresh element. */
const roundTrip = (markup: string) => {
  const into = document.createElement('div');
  replayView({ key: 'k', nodes: captureView(html(markup)) }, into);
  return into;
};

describe('a kept view', () => {
  it('is built again as the same elements, attributes and texts', () => {
    const markup =
      '<main class="popup" data-state="signed-in"><header><h1>Licenskoll</h1></header>' +
      '<dl class="totals"><div><dt>Tilldelade</dt><dd data-total="assigned">26</dd></div></dl>' +
      '<ul class="tool-list"><li data-tool-id="a" aria-label="x"><a href="https://app.skolon.com/t" title="Spanska">' +
      '<bdi>Spanska</bdi></a><span class="bar"><span style="width: 50.0%;"></span></span></li></ul></main>';
    expect(roundTrip(markup).innerHTML).toBe(markup);
  });

  it('keeps a name that looks like markup as text, never as elements', () => {
    const root = document.createElement('div');
    const name = document.createElement('bdi');
    name.textContent = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    root.append(name);
    const into = document.createElement('div');
    replayView({ key: 'k', nodes: captureView(root) }, into);
    expect(into.querySelector('img, script')).toBeNull();
    expect(into.textContent).toBe(name.textContent);
  });

  it('leaves out elements and attributes the popup never renders: scripts, handlers, other links', () => {
    const into = roundTrip(
      '<div onclick="alert(1)" data-ok="1"><script>alert(1)</script><iframe src="https://x"></iframe>' +
        '<a href="javascript:alert(1)">a</a><a href="https://app.skolon.com/">b</a><svg><a href="https://x">c</a></svg></div>',
    );
    expect(into.innerHTML).toBe('<div data-ok="1"><a>a</a><a href="https://app.skolon.com/">b</a></div>');
  });

  it('builds no element a tampered kept view names outside the list', () => {
    const into = document.createElement('div');
    replayView(
      {
        key: 'k',
        nodes: [
          ['script', [], ['alert(1)']],
          [
            'div',
            [
              ['onclick', 'alert(1)'],
              ['class', 'x'],
              ['href', 'javascript:x'],
            ],
            ['ok'],
          ],
        ],
      },
      into,
    );
    expect(into.innerHTML).toBe('<div class="x">ok</div>');
  });

  it('keeps a control’s state, and a time relative to now without its text', () => {
    const root = html(
      '<input type="search"><input type="checkbox"><select><option value="a">A</option><option value="b">B</option></select>' +
        '<span data-volatile="true" role="status">3 minuter sedan</span>',
    );
    const [search, box] = root.querySelectorAll('input');
    if (search) search.value = 'spa';
    if (box) box.checked = true;
    const select = root.querySelector('select');
    if (select) select.value = 'b';
    const into = document.createElement('div');
    replayView({ key: 'k', nodes: captureView(root) }, into);
    expect(into.querySelector<HTMLInputElement>('input[type=search]')?.value).toBe('spa');
    expect(into.querySelector<HTMLInputElement>('input[type=checkbox]')?.checked).toBe(true);
    expect(into.querySelector('select')?.value).toBe('b');
    expect(into.querySelector('[data-volatile]')?.textContent).toBe('');
  });

  it('is inert where it is built: nothing in it answers until the live popup replaces it', () => {
    const into = roundTrip('<button type="button">Uppdatera</button>');
    expect(into.hasAttribute('inert')).toBe(true);
  });
});

describe('the key of a kept view', () => {
  const inputs: ViewInputs = {
    revision: '24.abc',
    school: '',
    language: 'auto',
    browserLanguage: 'sv-SE',
    today: '2026-12-03',
    build: '/assets/popup-abc.js',
  };

  it('is the same for the same inputs', () => {
    expect(viewKey({ ...inputs })).toBe(viewKey(inputs));
  });

  it('is none without the snapshot’s revision (a snapshot written before revisions were)', () => {
    expect(viewKey({ ...inputs, revision: undefined })).toBe('');
    expect(viewKey({ ...inputs, revision: '' })).toBe('');
  });

  it.each([
    ['revision', '24.abd'],
    ['school', 's2'],
    ['language', 'nb'],
    ['browserLanguage', 'en-GB'],
    ['today', '2026-12-04'],
    ['build', '/assets/popup-def.js'],
  ] as const)('changes with %s', (field, value) => {
    expect(viewKey({ ...inputs, [field]: value })).not.toBe(viewKey(inputs));
  });
});

describe('the early script’s replay', () => {
  let app: HTMLElement;
  const itemsFor = (view: KeptView | null, patch: Record<string, unknown> = {}) => ({
    summarySnapshot: '{"version":1}',
    summarySnapshotRev: '13.x1',
    popupSchool: '',
    uiLanguage: 'auto',
    ...(view ? { [VIEW_KEY]: JSON.stringify(view) } : {}),
    ...patch,
  });
  const keyNow = () => viewKey(inputsOf(itemsFor(null), document, 'sv-SE'));
  const view = (): KeptView => ({ key: keyNow(), nodes: [['p', [['class', 'kept']], ['26 av 35']]] });

  beforeEach(() => {
    app = document.createElement('div');
    app.id = 'app';
    document.body.append(app);
    performance.clearMarks();
  });
  afterEach(() => {
    app.remove();
    delete (globalThis as Record<string, unknown>)[REPLAYED_GLOBAL];
  });

  it('builds the kept view into #app when it was made from exactly what storage holds', () => {
    expect(replayKept(itemsFor(view()), document, 'sv-SE')).toBe(true);
    expect(app.querySelector('.kept')?.textContent).toBe('26 av 35');
    expect(app.hasAttribute('inert')).toBe(true);
    expect((globalThis as Record<string, unknown>)[REPLAYED_GLOBAL]).toBe(true);
    expect(performance.getEntriesByName(PAINTED_MARK)).toHaveLength(1);
  });

  it.each([
    ['another summary', { summarySnapshotRev: '19.x2' }],
    ['a summary without its revision', { summarySnapshotRev: undefined }],
    ['another school', { popupSchool: 's2' }],
    ['another language', { uiLanguage: 'en' }],
  ])('builds nothing for %s', (_, patch) => {
    expect(replayKept(itemsFor(view(), patch), document, 'sv-SE')).toBe(false);
    expect(app.childNodes).toHaveLength(0);
    expect((globalThis as Record<string, unknown>)[REPLAYED_GLOBAL]).toBeUndefined();
    expect(performance.getEntriesByName(PAINTED_MARK)).toHaveLength(0);
  });

  it('builds nothing for another browser language, a damaged view, a view without a key, or none', () => {
    expect(
      replayKept(
        itemsFor({ key: '', nodes: [['p', [], ['x']]] }, { summarySnapshotRev: undefined }),
        document,
        'sv-SE',
      ),
    ).toBe(false);
    expect(replayKept(itemsFor(view()), document, 'en-GB')).toBe(false);
    expect(replayKept({ ...itemsFor(null), [VIEW_KEY]: '{"key":' }, document, 'sv-SE')).toBe(false);
    expect(replayKept(itemsFor(null), document, 'sv-SE')).toBe(false);
    expect(app.childNodes).toHaveLength(0);
  });

  it('never replaces what #app already holds', () => {
    app.textContent = 'live';
    expect(replayKept(itemsFor(view()), document, 'sv-SE')).toBe(false);
    expect(app.textContent).toBe('live');
  });
});

describe('the popup’s module as its page names it', () => {
  afterEach(() => {
    for (const el of document.head.querySelectorAll('link, script')) el.remove();
  });

  it('is the modulepreload link the early script runs, in the build’s page', () => {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.setAttribute('href', '/assets/popup-abc.js');
    document.head.append(link);
    expect(popupModule(document)).toBe('/assets/popup-abc.js');
  });

  it('is the module tag in a page as vite writes it, and nothing without either', () => {
    expect(popupModule(document)).toBe('');
    const tag = document.createElement('script');
    tag.type = 'module';
    tag.setAttribute('src', '/assets/popup-def.js');
    document.head.append(tag);
    expect(popupModule(document)).toBe('/assets/popup-def.js');
  });
});
