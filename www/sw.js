// Offline support for the pre-check page. On install it stores the page and the checker
// (the package served at ./precheck/: the <precheck-widget> element, its worker and the
// wasm); afterwards a request for one of those files goes to the network first, so a
// fresh copy wins, and falls back to the stored one when the network is not there.
// Only the page's own files and the package's runtime files are stored, each under its
// address without the query (`app.js?v=2` is `app.js`); the package's files are the ones
// its manifest (./precheck/package.json, written by tools/make_pkg.mjs) lists, so a
// module added to the widget is kept offline without an edit here. The cache holds those
// responses and never grows. Any other request goes to the network unchanged. Nothing the author
// gives the page (the PDF, the abstract) ever passes through here: those stay in memory.

const CACHE = "precheck-page-v5";
const PAGE = ["./", "./index.html", "./app.js", "./style.css", "./favicon.svg"];
const PACKAGE = "./precheck/";
/** What of the package the page runs: scripts and the WebAssembly, not types or docs (nor the minified widget, which the page does not load). */
const RUNTIME = /^(?!.*\.min\.js$).*\.(js|wasm)$/;

const MANIFEST = new URL(`${PACKAGE}package.json`, self.registration.scope).href;

/** Every address this worker stores: the page, the manifest, and what the manifest lists. */
function ownFiles(manifest) {
  const files = [...PAGE, `${PACKAGE}package.json`];
  for (const f of (manifest && manifest.files) || []) if (typeof f === "string" && RUNTIME.test(f) && !f.includes("..")) files.push(PACKAGE + f);
  return new Set(files.map((path) => new URL(path, self.registration.scope).href));
}

// The addresses stored, known from the manifest: read at install, or (after the browser
// ended this worker) from the stored copy of it.
let own = null;
async function ownSet() {
  if (!own) {
    const stored = await (await caches.open(CACHE)).match(MANIFEST);
    own = ownFiles(stored ? await stored.json().catch(() => null) : null);
  }
  return own;
}

/** The address a request is stored under: without its query and fragment. */
function address(url) {
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  return u.href;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      let manifest = null;
      try {
        const response = await fetch(MANIFEST, { cache: "no-cache" });
        if (response.ok) {
          await cache.put(MANIFEST, response.clone());
          manifest = await response.json();
        }
      } catch {
        /* offline while installing: the page's files are stored, the next visit tries again */
      }
      own = ownFiles(manifest);
      // One missing file (e.g. no favicon) must not stop the others from being stored.
      await Promise.all(
        [...own].filter((url) => url !== MANIFEST).map(async (url) => {
          try {
            const response = await fetch(url, { cache: "no-cache" });
            if (response.ok) await cache.put(url, response);
          } catch {
            /* offline while installing: the next visit tries again */
          }
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("precheck-page-") && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const key = address(request.url);
  // Only same-origin files can be the page's; anything else is never looked at here, nor
  // anything the list (once known) does not hold.
  if (new URL(key).origin !== self.location.origin || (own && !own.has(key))) return;
  event.respondWith(answer(request, key));
});

/** One of the page's files, network first; before the list is known, another same-origin request goes to the network as it is. */
async function answer(request, key) {
  if (!(await ownSet()).has(key)) return fetch(request);
  return networkFirst(request, key);
}

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      cache.put(key, response.clone()).catch(() => {});
    }
    return response;
  } catch (err) {
    const stored = await cache.match(key);
    if (stored) return stored;
    throw err;
  }
}
