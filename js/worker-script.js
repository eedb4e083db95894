// The Web Worker that runs checks off the main thread. Requests and replies are
// paired by id; errors cross as {name, message} and are rebuilt by name on the other side.
import { check, checkTooLarge, countWords, countChars, describeProfile } from "./index.js";

self.onmessage = async (event) => {
  const { id, type } = event.data || {};
  const reply = (message) => self.postMessage({ id, ...message });
  try {
    if (type === "check") {
      const { pdf, size, options } = event.data;
      reply({ progress: "checking" });
      // A file too large to read arrives as its size alone.
      const report = pdf === undefined && typeof size === "number" ? await checkTooLarge(size, options) : await check(pdf ? new Uint8Array(pdf) : undefined, options);
      reply({ ok: true, result: report });
    } else if (type === "count") {
      // The abstract check counts the text trimmed; so does the live count.
      const text = String(event.data.text ?? "").trim();
      reply({ ok: true, result: { words: await countWords(text), chars: await countChars(text) } });
    } else if (type === "describe") {
      reply({ ok: true, result: await describeProfile(event.data.profile) });
    } else {
      throw new TypeError(`unknown request ${JSON.stringify(type)}`);
    }
  } catch (err) {
    const cause = err && err.cause ? `${err.cause.name || "Error"}: ${err.cause.message || err.cause}` : undefined;
    reply({ ok: false, error: { name: (err && err.name) || "Error", message: String((err && err.message) || err), cause } });
  }
};

self.postMessage({ ready: true });
