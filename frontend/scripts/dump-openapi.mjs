// Writes the server's OpenAPI document to src/api/openapi.json, the snapshot the
// client's types are generated from. Runs the backend's own create_app() in its
// virtualenv, so no server needs to be running.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const frontend = join(dirname(fileURLToPath(import.meta.url)), "..");
const backend = join(frontend, "..", "backend");
const python = [join(backend, "venv", "bin", "python"), join(backend, "venv", "Scripts", "python.exe")]
  .find((candidate) => existsSync(candidate));
if (!python) {
  console.error("No backend virtualenv: python3 -m venv backend/venv && backend/venv/bin/pip install -e backend");
  process.exit(1);
}

const program = [
  "import json",
  "from bodyweight.app import create_app",
  "from bodyweight.config import Settings",
  "app = create_app(Settings(_env_file=None, database_url='sqlite://'))",
  "print(json.dumps(app.openapi(), indent=2, ensure_ascii=False))",
].join("\n");
const schema = execFileSync(python, ["-c", program], { cwd: backend, encoding: "utf8" });
writeFileSync(join(frontend, "src", "api", "openapi.json"), schema);
console.log("wrote src/api/openapi.json");
