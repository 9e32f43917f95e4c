// Regenerates src/schema/arctl-ossec.xsd from src/schema/elements.ts: `npm run gen:xsd`.
// A test (test/schema/xsd.test.ts) fails when the committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderXsd, XSD_FILE_NAME } from '../src/schema/xsd.ts';

const path = fileURLToPath(new URL(`../src/schema/${XSD_FILE_NAME}`, import.meta.url));
const next = renderXsd();
let current = '';
try {
  current = readFileSync(path, 'utf8');
} catch {
  // First generation.
}
if (current !== next) writeFileSync(path, next);
