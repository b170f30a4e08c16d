// The service worker of 渝北托育. The server serves it at /sw.js with two constants in front:
//   VERSION: a hash of the built client files (a new build gives a new worker and new caches)
//   SHELL:   the files every page needs (/pkg files, styles, icons, the offline page)
//
// Strategy:
// - shell files: cache-first from the cache of this VERSION (filled at install, `cache: reload`);
// - page navigations: network-first; a copy of each successful page is kept so that it opens
//   offline ("as of" times on the pages say how old it is); offline and never visited: the
//   offline page;
// - reads through server functions and /api/v1 (GET): network-first with the last copy as
//   fallback; writes are never cached (the device queue handles them offline).
// Old shell caches are deleted when a new worker activates; the page offers to reload.
// Signing out sends Clear-Site-Data, which removes these caches with the rest of the device copy.

const SHELL_CACHE = `tuoyu-shell-${VERSION}`;
const PAGES_CACHE = 'tuoyu-pages-v1';
const OFFLINE_URL = '/offline.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith('tuoyu-shell-') && name !== SHELL_CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

// The page asks the waiting worker to take over once the person agreed to reload.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

function isShell(url) {
  return url.pathname.startsWith('/pkg/') || url.pathname.startsWith('/icons/') || url.pathname === '/favicon.svg' ||
    url.pathname === '/manifest.webmanifest' || url.pathname === OFFLINE_URL;
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, fallback) {
  const cache = await caches.open(PAGES_CACHE);
  try {
    const response = await fetch(request);
    // Keep successful answers only, and never pages for somebody signed out mid-way.
    if (response.ok && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    if (fallback) {
      const offline = await caches.match(OFFLINE_URL);
      if (offline) return offline;
    }
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname === '/sw.js' || url.pathname.startsWith('/dev/') || url.pathname === '/healthz') return;
  if (isShell(url)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, true));
  } else if (url.pathname.startsWith('/api/')) {
    event.respondWith(networkFirst(request, false));
  }
});
