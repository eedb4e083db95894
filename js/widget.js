// <precheck-widget>: the submission pre-checker as one custom element. A venue pastes
//
//   <script type="module" src="https://…/precheck/widget.js"></script>
//   <precheck-widget profile="snn-2022"></precheck-widget>
//
// and authors drop a PDF, paste the abstract and see the verdict, every check and a map of
// every page read (at most 2000; the maps say which pages were not read). Strings from the
// PDF are shown isolated (<bdi>), so bidi controls in them cannot turn the widget's words.
// The check runs in a Web Worker on the Rust core compiled to WebAssembly; the worker
// script and the .wasm are found next to this file (import.meta.url). Nothing is uploaded:
// the element loads its own files and makes no other request.
//
// Attributes
//   profile      the venue's rules: "snn-2022" (default) or "neurips-2022"; the `profile`
//                property also takes a whole profile object (see `precheck --show-profile`)
//   kind         the initial kind: paper | position | published | poster | blog (the author
//                can still change it)
//   compact      boolean: no page maps and no document facts, a tighter layout
//   timeout-ms   the time budget of one check (default 20000)
//   storage-key  the sessionStorage key that keeps the author's inputs across reloads
//                (default "precheck:<profile>"); "none" keeps nothing
//   theme        "light" (default) | "dark" | "auto": auto follows the host page's own
//                color-scheme (`:root { color-scheme: light dark }` follows the system;
//                a page that declares none is light)
//   catch-drops  boolean: a PDF dropped anywhere on the page outside the widget is checked
//                instead of replacing the page with the browser's PDF viewer (drops that a
//                drop zone or file input of the page's own takes are left to it)
//   fallback-url where to check instead when the checker cannot start (a CSP that refuses
//                WebAssembly, files that cannot be loaded): the message links to it
//   data-state, data-checks, data-last-check-ms  set by the element (read them, don't set
//                them): loading | idle | checking | done | error; the number of reports
//                shown; the time from the file's arrival to its report (ms)
//
// Events (bubbling, composed)
//   precheck-report  detail: the report (see the package's index.d.ts), after each check
//   precheck-error   detail: {name, message}, e.g. InvalidOptionsError, TimeoutError,
//                    WorkerCrashedError (a file too large to read gets its report instead)
//   precheck-count   detail: {words, chars}: the live count of the abstract
//
// CSS custom properties, set on the element or any ancestor (all optional)
//   --precheck-font        the font stack (default: the system UI font; `inherit` takes the page's)
//   --precheck-font-size   the base size every size in the widget follows (em; default
//                          16px, compact 15px); the host page's root size has no effect
//   --precheck-bg          the widget's background (light #f5f6f8, dark #0f1217)
//   --precheck-surface     the cards' background (light #ffffff, dark #171b22)
//   --precheck-fg          the text (light #1a1e24, dark #e7eaef)
//   --precheck-muted       secondary text (default: derived from fg and surface)
//   --precheck-border      hairlines (default: derived from fg and surface)
//   --precheck-accent      links, buttons, the drop zone (light #1d5fbf, dark #7fb0ff)
//   --precheck-focus       the focus ring (default: the accent)
//   --precheck-pass        pass (light #17743a, dark #56c776)
//   --precheck-warn        warning text (light #8a5a00, dark #e7b64a)
//   --precheck-warn-mark   warning marks and rules (light #c98500, dark #e7b64a)
//   --precheck-fail        fail (light #c4232d, dark #ff8078)
//   --precheck-radius      the cards' corner radius (default 12px)
//   --precheck-padding     space around the content (default 16px)
// The host page's inherited styles (font, colour, line height, spacing, text transform,
// direction) stop at the host element: the widget sets its own on its one inner element.
// Parts for finer styling: root (that element), inputs, drop, status, privacy, report, verdict, changes,
// summary (the strip kept in view), checks, maps, zoom (the enlarged page's dialog).
//
// Keyboard: each page map is one tab stop; Enter (or a click, or a finding's "Page N")
// opens it enlarged, where ← → turn the pages, Tab steps through its marks in reading
// order and Esc closes (focus goes back where it was). "Check again" re-reads the file
// (through the handle a drop or checkFile(handle) gave, else it asks for the file) and
// the report then says what changed since the last check.
//
// Hooks for tests (stable), inside the open shadow root: input[type=file],
// textarea[name=abstract], select[name=kind], input[name=first-public],
// [data-check][data-status], [data-verdict], svg[data-page="N"], [data-finding].

//
// The element is made of plain ES modules in widget/ (no build step): define.js registers
// it, element.js is the element, session.js runs the checks, text.js says things,
// view/*.js draw, styles.js styles.

export { PrecheckWidget } from "./widget/element.js";
import "./widget/define.js";
