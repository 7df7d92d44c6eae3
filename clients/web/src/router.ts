// Client-side routing with the History API. The server answers every non-API path with
// index.html, so a deep link or a reload lands here too.

export type Cleanup = () => void;
export type Page = (main: HTMLElement, params: Record<string, string>) => Cleanup | void | Promise<Cleanup | void>;

interface Route {
  pattern: RegExp;
  names: string[];
  load: () => Promise<Page>;
}

const routes: Route[] = [];
let notFound: () => Promise<Page>;
let cleanup: Cleanup | null = null;
let generation = 0;
let rendered = '';
const afterNavigate = new Set<() => void>();

export function route(path: string, load: () => Promise<Page>): void {
  const names: string[] = [];
  const pattern = new RegExp(
    '^' + path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)')) + '/?$',
  );
  routes.push({ pattern, names, load });
}

export function fallback(load: () => Promise<Page>): void {
  notFound = load;
}

export function onNavigate(listener: () => void): void {
  afterNavigate.add(listener);
}

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  void render(true);
}

async function render(moveFocus: boolean): Promise<void> {
  const mine = ++generation;
  rendered = location.pathname + location.search;
  cleanup?.();
  cleanup = null;
  const path = location.pathname;
  let page: Page | null = null;
  const params: Record<string, string> = {};
  for (const r of routes) {
    const match = r.pattern.exec(path);
    if (!match) continue;
    r.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? '')));
    page = await r.load();
    break;
  }
  page ??= await notFound();
  if (mine !== generation) return;
  const main = document.getElementById('main')!;
  main.textContent = '';
  main.removeAttribute('aria-busy');
  const result = await page(main, params);
  if (mine !== generation) {
    result?.();
    return;
  }
  cleanup = result ?? null;
  for (const listener of afterNavigate) listener();
  if (moveFocus) {
    // Tell assistive technology that the page changed: focus its heading.
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    } else {
      main.focus();
    }
    window.scrollTo(0, 0);
  }
}

export function startRouter(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/hubs/')) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', () => {
    // A link within the page (the skip link's #main) changes only the fragment, and fires
    // popstate too: the browser moves the focus there itself; drawing the page again would lose
    // what the person typed and put the focus on the heading instead.
    if (location.pathname + location.search === rendered) return;
    void render(true);
  });
  void render(false);
}
