// CSS-in-JS as many single-page apps do it: a style string is hashed into a generated class
// name such as `_k3f9a`, and its rule is injected once into a <style> element. Nothing in the
// DOM carries a semantic class name, a test id or an id meant for scrapers.

/** FNV-1a over the string, as a short base-36 word. */
export function hashStyle(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(6, '0').slice(0, 6);
}

const known = new Set<string>();
let styleElement: HTMLStyleElement | undefined;

function sheetElement(): HTMLStyleElement {
  if (!styleElement?.isConnected) {
    styleElement = document.createElement('style');
    document.head.append(styleElement);
  }
  return styleElement;
}

function inject(rule: string): void {
  sheetElement().append(document.createTextNode(`${rule}\n`));
}

/**
 * A generated class for the declarations in `style`. `nested` maps selectors in which `&`
 * stands for the class (`'&:hover'`, `'& > td'`) to their declarations.
 */
export function css(style: string, nested: Record<string, string> = {}): string {
  const key = `${style}|${Object.entries(nested)
    .map(([selector, body]) => `${selector}{${body}}`)
    .join('')}`;
  const name = `_${hashStyle(key)}`;
  if (!known.has(name)) {
    known.add(name);
    inject(`.${name}{${style}}`);
    for (const [selector, body] of Object.entries(nested)) {
      inject(`${selector.replaceAll('&', `.${name}`)}{${body}}`);
    }
  }
  return name;
}

/** A global rule (for html and body only). */
export function globalCss(selector: string, style: string): void {
  const key = `global:${selector}{${style}}`;
  if (known.has(key)) return;
  known.add(key);
  inject(`${selector}{${style}}`);
}
