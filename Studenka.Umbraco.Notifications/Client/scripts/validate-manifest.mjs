// Validates public/umbraco-package.json against the schema shipped in @umbraco-cms/backoffice, and checks
// that the repository-root copy (where the design card wants it) says the same. Run by `npm run build`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const schema = JSON.parse(readFileSync(here('../node_modules/@umbraco-cms/backoffice/dist-cms/umbraco-package-schema.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(here('../public/umbraco-package.json'), 'utf8'));
const root = JSON.parse(readFileSync(here('../../../umbraco-package.json'), 'utf8'));

// The 17.1.0 schema is not valid draft-07 as shipped (tooling.md §4): non-array `examples` and JSDoc
// types such as "{boolean}". Repair both, then compile without strict mode.
(function repair(node) {
  if (Array.isArray(node)) return node.forEach(repair);
  if (!node || typeof node !== 'object') return;
  if ('examples' in node && !Array.isArray(node.examples)) node.examples = [node.examples];
  if (typeof node.type === 'string' && /^\{.*\}$/.test(node.type)) node.type = node.type.slice(1, -1);
  Object.values(node).forEach(repair);
})(schema);

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const problems = [];
if (!validate(manifest)) {
  problems.push(...validate.errors.map((e) => `public/umbraco-package.json${e.instancePath}: ${e.message}`));
}
const withoutSchema = ({ $schema, ...rest }) => JSON.stringify(rest);
if (withoutSchema(manifest) !== withoutSchema(root)) {
  problems.push('umbraco-package.json at the repository root differs from Client/public/umbraco-package.json (copy the latter over it, keep its $schema).');
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('umbraco-package.json: valid against the backoffice schema, root copy identical.');
