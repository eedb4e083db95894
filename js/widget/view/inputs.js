// The widget's markup: the inputs, the report's frame, the tooltip and the enlarged page.

import { ICONS } from "../dom.js";

export const MARKUP = `
<div class="root" part="root">
<section class="card inputs" part="inputs" aria-labelledby="inputs-h">
  <h2 id="inputs-h">Your submission</h2>
  <form id="form" novalidate>
    <div class="input-grid">
      <div class="file-col">
        <label class="drop" id="drop" part="drop">
          <svg class="drop-icon" aria-hidden="true" focusable="false" viewBox="0 0 20 20">${ICONS.upload}</svg>
          <span class="drop-title">Drop your PDF here</span>
          <span class="drop-sub">or choose it from your computer</span>
          <input type="file" id="file" name="pdf" accept=".pdf,application/pdf" aria-describedby="file-info file-error">
        </label>
        <p class="file-info" id="file-info"></p>
        <p class="field-error" id="file-error" hidden></p>
      </div>
      <div class="fields-col">
        <div class="field">
          <label for="kind">Kind of submission</label>
          <select id="kind" name="kind" aria-describedby="kind-help"></select>
          <p class="help" id="kind-help"></p>
        </div>
        <div class="field">
          <label for="first-public">First made public <span class="optional">(optional)</span></label>
          <input type="date" id="first-public" name="first-public" min="1990-01-01" max="2099-12-31" aria-describedby="first-public-help">
          <label class="not-yet"><input type="checkbox" id="not-yet" name="not-yet"> Not public yet (work in progress)</label>
          <p class="help" id="first-public-help"></p>
        </div>
      </div>
      <div class="field abstract-field">
        <label for="abstract">Abstract <span class="optional" id="abstract-where">(as you will enter it in the submission form)</span></label>
        <textarea id="abstract" name="abstract" rows="7" spellcheck="true" aria-describedby="abstract-count abstract-help"></textarea>
        <div class="abstract-meta">
          <p class="count" id="abstract-count">0 words · 0 characters</p>
          <p class="help" id="abstract-help"></p>
        </div>
      </div>
    </div>
    <p class="field-error" id="inputs-error" role="alert" hidden></p>
  </form>
  <div class="statusbar">
    <p id="status" class="status" part="status" role="status" aria-live="polite" aria-atomic="true">Loading the checker…</p>
    <button type="button" id="retry" class="button" hidden>Try again</button>
    <p class="privacy" part="privacy"><svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 20 20">${ICONS.lock}</svg>Checked in your browser: nothing is uploaded.</p>
  </div>
</section>
<section id="report" class="report" part="report" aria-labelledby="report-h">
  <h2 id="report-h" class="visually-hidden">Report</h2>
  <div id="report-body" class="report-body"><div class="empty"><p id="empty-text"></p></div></div>
</section>
<div id="tip" class="tip" hidden aria-hidden="true"></div>
<dialog id="zoom" class="zoom" part="zoom" aria-labelledby="zoom-h">
  <div class="zoom-bar">
    <h3 id="zoom-h" class="zoom-title"></h3>
    <p class="zoom-counts" id="zoom-counts"></p>
    <div class="zoom-nav">
      <button type="button" class="action" id="zoom-prev" aria-keyshortcuts="ArrowLeft">← Previous page</button>
      <button type="button" class="action" id="zoom-next" aria-keyshortcuts="ArrowRight">Next page →</button>
      <button type="button" class="action" id="zoom-close" aria-keyshortcuts="Escape">Close</button>
    </div>
  </div>
  <div class="zoom-body">
    <div class="zoom-page" id="zoom-page" tabindex="0" role="region" aria-label="The page, enlarged (scroll it with the arrow keys up and down)"></div>
    <div class="zoom-side">
      <div class="zoom-current" id="zoom-current" aria-live="polite"></div>
      <ol class="zoom-marks" id="zoom-marks" aria-label="Marks on this page, in reading order"></ol>
      <p class="help zoom-keys">← and → turn the pages, Tab steps through the marks, Esc closes.</p>
    </div>
  </div>
</dialog>
</div>
`;
