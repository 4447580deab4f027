// Single-page navigation, detected without polling and without patching the page's history:
// the Navigation API where the browser has it (Chrome), else popstate/hashchange plus a
// MutationObserver that compares location after DOM changes (a route change always renders).
interface NavigationLike extends EventTarget {
  addEventListener(type: 'currententrychange', listener: () => void, options?: AddEventListenerOptions): void;
}

export function onNavigate(
  callback: (href: string) => void,
  signal: AbortSignal,
  win: Window = window,
): void {
  let last = win.location.href;
  const check = () => {
    const href = win.location.href;
    if (href === last) return;
    last = href;
    callback(href);
  };
  const navigation = (win as Window & { navigation?: NavigationLike }).navigation;
  if (navigation) {
    navigation.addEventListener('currententrychange', check, { signal });
  } else {
    const observer = new MutationObserver(check);
    observer.observe(win.document.documentElement, { childList: true, subtree: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  }
  // Both paths also listen here: cheap, and covers back/forward in browsers without the API.
  win.addEventListener('popstate', check, { signal });
  win.addEventListener('hashchange', check, { signal });
}
