// Registers <precheck-widget> once, however many copies of the module a page loads.

import { PrecheckWidget } from "./element.js";

export const TAG = "precheck-widget";

if (globalThis.customElements && !customElements.get(TAG)) customElements.define(TAG, PrecheckWidget);
