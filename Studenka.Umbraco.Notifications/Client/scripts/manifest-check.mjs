// Checks of umbraco-package.json shared by the build (validate-manifest.mjs) and vitest.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export const readJson = (relative) => JSON.parse(readFileSync(here(relative), 'utf8'));

/**
 * The 17.1.0 schema shipped in @umbraco-cms/backoffice is not valid draft-07 as shipped (tooling.md §4):
 * non-array `examples` and JSDoc types such as "{boolean}". Repair both, then compile without strict mode.
 */
export function compileSchema() {
  const schema = readJson('../node_modules/@umbraco-cms/backoffice/dist-cms/umbraco-package-schema.json');
  (function repair(node) {
    if (Array.isArray(node)) return node.forEach(repair);
    if (!node || typeof node !== 'object') return;
    if ('examples' in node && !Array.isArray(node.examples)) node.examples = [node.examples];
    if (typeof node.type === 'string' && /^\{.*\}$/.test(node.type)) node.type = node.type.slice(1, -1);
    Object.values(node).forEach(repair);
  })(schema);
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

/** Problems of the manifest (schema) and of the repository-root copy (must say the same, $schema aside). */
export function manifestProblems(validate, manifest, root) {
  const problems = [];
  if (!validate(manifest)) {
    problems.push(...validate.errors.map((e) => `public/umbraco-package.json${e.instancePath}: ${e.message}`));
  }
  const withoutSchema = ({ $schema, ...rest }) => JSON.stringify(rest);
  if (withoutSchema(manifest) !== withoutSchema(root)) {
    problems.push('umbraco-package.json at the repository root differs from Client/public/umbraco-package.json (run `npm run sync-manifest` in Client/).');
  }
  return problems;
}
