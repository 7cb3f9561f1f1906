/**
 * Paths of the app. The server answers index.html for every non-API path, so
 * these are ordinary URLs that can be bookmarked and shared with a colleague.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'events'; query: URLSearchParams }
  | { page: 'event'; id: string }
  | { page: 'queue' }
  | { page: 'add' }
  | { page: 'admin' }
  | { page: 'signin' }
  | { page: 'missing' };

export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '');
  const [first, second] = parts;
  if (first === undefined || (first === 'events' && second === undefined))
    return { page: 'events', query: new URLSearchParams(search) };
  if (first === 'events' && second !== undefined && parts.length === 2)
    return { page: 'event', id: decodeURIComponent(second) };
  if (parts.length === 1) {
    if (first === 'queue') return { page: 'queue' };
    if (first === 'add') return { page: 'add' };
    if (first === 'admin') return { page: 'admin' };
    if (first === 'signin') return { page: 'signin' };
  }
  return { page: 'missing' };
}

const listeners = new Set<() => void>();

/** Goes to `href` inside the app without reloading it. */
export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  const read = () => parseRoute(location.pathname, location.search);
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const update = () => {
      setRoute(read());
    };
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** A click on an in-app link navigates without a reload; modified clicks keep the browser's meaning. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest('a');
  if (
    anchor === null ||
    anchor === undefined ||
    anchor.target !== '' ||
    anchor.origin !== location.origin
  )
    return;
  if (anchor.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
