import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderComposeConfig } from './prometheus-config';

// Compiled to dist/generate.js: the package directory is one level up from both src/ and dist/.
const target = join(__dirname, '..', 'prometheus.yml');
writeFileSync(target, renderComposeConfig());
process.stdout.write(`wrote ${target}\n`);
