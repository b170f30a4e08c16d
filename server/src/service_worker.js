// The service worker of 渝北托育. The server serves it at /sw.js with two constants in front:
//   VERSION: a hash of the built client files (a new build gives a new worker and new caches)
//   SHELL:   the files every page needs (/pkg files, styles, icons, the offline page)
//
// Strategy:
// - shell files: cache-first from the cache of this VERSION (filled at install, `cache: reload`);
// - family pages (home, facility list and map, facility pages, the parent's own pages):
//   network-first; a copy of each successful page is kept so that it opens offline ("as of"
//   times on the pages say how old it is); offline and never visited: the offline page, which
//   lists the pages this device has;
// - the reads those pages make (server functions, /api/v1 GET): network-first with the last copy
//   as fallback; writes are never cached (the device queue handles them offline);
// - staff pages and their reads are never kept: they show other families' data and are used on
//   shared office computers; offline they get the offline page.
// At most MAX_KEPT copies are kept; the least recently refreshed go first.
// A copy is replaced only once the new answer has fully arrived, and a lookup waits for a copy
// of the same address still being written: Chrome's Cache.put removes the old entry before it
// writes the new one, so an offline reload at that moment found nothing and got the offline
// page although the page was kept (seen as 1 in ~30 runs of the "very first page" test, also
// while Chrome probes the page offline for installability).
// Old shell caches are deleted when a new worker activates; the page offers to reload.
// Signing out sends Clear-Site-Data, which removes these caches with the rest of the device copy.

const SHELL_CACHE = `tuoyu-shell-${VERSION}`;
// The app deletes this cache when someone signs in (app/src/offline/mod.rs, PAGES_CACHE).
const PAGES_CACHE = 'tuoyu-pages-v1';
const OFFLINE_URL = '/offline.html';
const MAX_KEPT = 200;

// Copies being written by this worker, by address: a lookup of the same address waits for them.
const storing = new Map();

// Keeps a copy of a page or read. The body is read completely first (a broken download never
// replaces a good copy), then stored in one quick local write.
function keepCopy(key, response) {
  const url = typeof key === 'string' ? key : key.url;
  const done = (async () => {
    const body = await response.blob();
    const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    const cache = await caches.open(PAGES_CACHE);
    await cache.put(key, copy);
    await keepAtMost(cache, MAX_KEPT);
  })().finally(() => {
    if (storing.get(url) === done) storing.delete(url);
  });
  storing.set(url, done);
  return done;
}

// The kept copy of `request`, after any copy of it still being written.
async function keptCopy(request) {
  const pending = storing.get(request.url);
  if (pending) await pending.catch(() => {});
  return (await caches.open(PAGES_CACHE)).match(request, { ignoreVary: true });
}

// What a family reads and may want offline. Everything else is network-only.
const FAMILY_PAGES = /^\/($|facilities($|\/)|me($|\/)|privacy$|lessons($|\/))/;
const FAMILY_READS = /^\/api\/((find|facility|summary|my_account|child|my_bookings|facility_slots|lessons|lesson|my_lesson_progress|activities|my_questions|expert_faq|policies|policy)$|v1\/(facilities|me|lessons|policies)(\/|$))/;

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
      // Navigation preload: the browser requests the page while this worker starts up, so a
      // slow worker start never delays the page on a slow network.
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
      await self.clients.claim();
      // Not awaited: activation (and with it the page's requests) must not wait on a slow network.
      keepOpenPages();
    })(),
  );
});

// The page that installed this worker loaded before the worker existed, so no copy of it was
// kept. Keep one now, so that a page opened once online opens offline too. Best effort.
async function keepOpenPages() {
  const cache = await caches.open(PAGES_CACHE);
  for (const client of await self.clients.matchAll({ type: 'window' })) {
    const url = new URL(client.url);
    if (url.origin !== self.location.origin || !FAMILY_PAGES.test(url.pathname) || (await cache.match(url.href))) continue;
    try {
      const response = await fetch(url.href, { credentials: 'same-origin' });
      if (response.ok && !response.redirected) await keepCopy(url.href, response);
    } catch (error) {
      // Offline or the server away: the next visit keeps it.
    }
  }
}

// The page asks the waiting worker to take over once the person agreed to reload; the lesson
// list asks to keep the lessons of the family's age bands (pages and their reads) for offline.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'keep' && Array.isArray(event.data.urls)) event.waitUntil(keepAddresses(event.data.urls));
});

// Keeps a copy of each family page or read in `urls` not kept yet, one after another (a slow
// phone line is not flooded). Stops at the first network failure: the next visit goes on.
async function keepAddresses(urls) {
  const cache = await caches.open(PAGES_CACHE);
  for (const address of urls.slice(0, MAX_KEPT / 2)) {
    const url = new URL(address, self.location.origin);
    const family = FAMILY_PAGES.test(url.pathname) || FAMILY_READS.test(url.pathname);
    if (url.origin !== self.location.origin || !family || (await cache.match(url.href, { ignoreVary: true }))) continue;
    try {
      const response = await fetch(url.href, { credentials: 'same-origin' });
      if (response.ok && !response.redirected) await keepCopy(url.href, response);
    } catch (error) {
      return;
    }
  }
}

function isShell(url) {
  return url.pathname.startsWith('/pkg/') || url.pathname.startsWith('/icons/') || url.pathname === '/favicon.svg' ||
    url.pathname === '/manifest.webmanifest' || url.pathname === OFFLINE_URL || url.pathname === '/offline.js';
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

// The page from the network: the preloaded answer for navigations, else a new request.
async function fromNetwork(event) {
  return (await event.preloadResponse) || fetch(event.request);
}

async function networkFirst(event, fallback) {
  const request = event.request;
  try {
    const response = await fromNetwork(event);
    // Keep successful answers only, and never pages for somebody signed out mid-way. The page
    // gets the answer as it streams in; the copy is stored alongside, not before.
    if (response.ok && !response.redirected) event.waitUntil(keepCopy(request, response.clone()).catch(() => {}));
    return response;
  } catch (error) {
    const cached = await keptCopy(request);
    if (cached) return cached;
    if (fallback) {
      const offline = await caches.match(OFFLINE_URL);
      if (offline) return offline;
    }
    throw error;
  }
}

// Staff pages: straight to the network; offline, the offline page instead of the browser's error.
async function networkOnly(event) {
  try {
    return await fromNetwork(event);
  } catch (error) {
    const offline = await caches.match(OFFLINE_URL);
    if (offline) return offline;
    throw error;
  }
}

// `put` moves a refreshed entry to the end, so the first keys are the least recently refreshed.
async function keepAtMost(cache, max) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map((key) => cache.delete(key)));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Every navigation is answered here: its preloaded response must be used.
  if (request.mode === 'navigate') {
    event.respondWith(FAMILY_PAGES.test(url.pathname) ? networkFirst(event, true) : networkOnly(event));
    return;
  }
  if (url.pathname === '/sw.js' || url.pathname.startsWith('/dev/') || url.pathname === '/healthz') return;
  if (isShell(url)) {
    event.respondWith(cacheFirst(request));
  } else if (FAMILY_READS.test(url.pathname)) {
    event.respondWith(networkFirst(event, false));
  }
});
