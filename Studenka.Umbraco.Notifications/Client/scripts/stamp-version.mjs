// Writes the product version (Directory.Build.props, passed by MSBuild) into the built manifest that is
// served and packed. Done in node, not MSBuild: MSBuild's WriteLinesToFile turns every backslash of the
// JSON (an escaped quote in a localization text) into a slash on Linux, which broke the served manifest.
import { readFileSync, writeFileSync } from 'node:fs';

const [file, version] = process.argv.slice(2);
if (!file || !/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version ?? '')) {
  console.error('usage: node scripts/stamp-version.mjs MANIFEST VERSION (x.y.z)');
  process.exit(2);
}

const text = readFileSync(file, 'utf8');
const stamped = text.replace(/^  "version": "[^"]*"/m, `  "version": "${version}"`);
JSON.parse(stamped); // never write a manifest the backoffice cannot read
if (stamped !== text) writeFileSync(file, stamped);
