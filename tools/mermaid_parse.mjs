// Parses Mermaid diagrams with Mermaid's own parser: a JSON list of texts on stdin, a JSON
// list of {ok, error} on stdout. Mermaid wants a DOM even to parse; jsdom gives it one.
// Both come from requirements/node (HARNESS_NODE_MODULES), installed by `make setup`.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const modules = process.env.HARNESS_NODE_MODULES;
const require = createRequire(`${modules}/`);
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
const { default: mermaid } = await import(pathToFileURL(require.resolve("mermaid")).href);
mermaid.initialize({ startOnLoad: false });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error.message || error).split("\n").slice(0, 3).join(" ") });
  }
}
process.stdout.write(JSON.stringify(results));
