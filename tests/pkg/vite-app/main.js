// Checks the chosen PDF in the package's worker (precheck/worker) and, as a second
// opinion on the main thread, with `check` from "precheck"; writes the verdict and every
// check's status into the DOM (data-verdict, data-check/data-status).
import { check, version } from "precheck";
import { PrecheckWorker } from "precheck/worker";

const form = document.querySelector("form");
const input = form.querySelector("input[type=file]");
const result = document.querySelector("#result");
const worker = new PrecheckWorker({ timeoutMs: 60_000 });

document.querySelector("#version").textContent = version();
document.body.dataset.state = "idle";

function row(c) {
  const li = document.createElement("li");
  li.dataset.check = c.id;
  li.dataset.status = c.status;
  li.textContent = `${c.status.toUpperCase()} ${c.title}: ${c.message}`;
  return li;
}

input.addEventListener("change", async () => {
  const file = input.files[0];
  if (!file) return;
  document.body.dataset.state = "checking";
  const options = {
    kind: form.elements.kind.value,
    abstract: form.elements.abstract.value,
    // The UTC day, as the command-line tool takes it.
    today: new Date().toISOString().slice(0, 10),
  };
  result.replaceChildren();
  try {
    const report = await worker.check(file, options);
    const direct = await check(file, options);
    result.dataset.verdict = report.verdict;
    result.dataset.mainVerdict = direct.verdict;
    result.dataset.mainStatuses = JSON.stringify(Object.fromEntries(direct.checks.map((c) => [c.id, c.status])));
    const list = document.createElement("ul");
    list.append(...report.checks.map(row));
    result.append(list);
  } catch (err) {
    result.dataset.error = `${err.name}: ${err.message}`;
  } finally {
    document.body.dataset.state = "idle";
    document.body.dataset.checks = String(Number(document.body.dataset.checks) + 1);
  }
});
