// Decap CMS's own front-matter formatter (decap-cms-core, the version decap-cms pins), run by
// Node over content files: what the web form writes when it saves an entry whose data did not
// change. tests/test_form.py compares its output with what the form writes in the browser, then
// runs it over every bundled file.
//
// Usage: node decap-format.mjs < request.json > answer.json, where the request is
//   {"files": {"<path>": {"text": "<file>", "order": ["title", …]}}}  (order: the collection's
//   fields, as the CMS sorts the keys) and the answer {"<path>": "<file as the CMS writes it>"}.
import { register } from "node:module";
import { createRequire } from "node:module";

// decap-cms-core's ES modules import "./helpers" or "@iarna/toml/parse-string" without an
// extension, in a package Node reads as CommonJS (its bundler resolved them): a resolve hook adds
// the extension, a load hook reads them as modules.
register(
  "data:text/javascript," +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        try {
          return await next(specifier, context);
        } catch (error) {
          if (error.code !== "ERR_MODULE_NOT_FOUND" || specifier.endsWith(".js")) throw error;
          return next(specifier + ".js", context);
        }
      }
      export async function load(url, context, next) {
        if (url.includes("/decap-cms-core/dist/esm/")) {
          return next(url, { ...context, format: "module" });
        }
        return next(url, context);
      }`),
);

const require = createRequire(import.meta.url);
const core = require.resolve("decap-cms-core/package.json").replace(/package\.json$/, "");
const { frontmatterYAML } = await import(core + "dist/esm/formats/frontmatter.js");
const { fromJS } = require("immutable");
const { clean } = require("../../generator/admin/portal-cms.js");

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const format = frontmatterYAML();
const answer = {};
for (const [path, { text, order }] of Object.entries(request.files)) {
  // As the CMS does: file → data (an Immutable map), the preSave listener, data → file.
  const data = clean(fromJS(format.fromFile(text))).toJS();
  const file = format.toFile(data, order);
  answer[path] = file.endsWith("\n") ? file : file + "\n"; // as Backend.entryToRaw does
}
process.stdout.write(JSON.stringify(answer));
