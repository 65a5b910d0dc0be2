import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAll } from './index';

// Compiled to dist/generate.js: the package directory is one level up from both src/ and dist/.
const outputDir = join(__dirname, '..', 'dashboards');
mkdirSync(outputDir, { recursive: true });
const rendered = renderAll();
// A dashboard removed from the code must not linger in provisioning.
for (const file of readdirSync(outputDir)) {
  if (file.endsWith('.json') && !rendered.has(file)) rmSync(join(outputDir, file));
}
for (const [file, json] of rendered) writeFileSync(join(outputDir, file), json);
process.stdout.write(`wrote ${rendered.size} dashboards to ${outputDir}\n`);
