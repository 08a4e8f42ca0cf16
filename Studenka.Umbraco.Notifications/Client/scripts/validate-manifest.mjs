// Run by `npm run build`: the manifest must match the backoffice's JSON schema and the root copy.
import { compileSchema, manifestProblems, readJson } from './manifest-check.mjs';

const problems = manifestProblems(compileSchema(), readJson('../public/umbraco-package.json'), readJson('../../../umbraco-package.json'));
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('umbraco-package.json: valid against the backoffice schema, root copy identical.');
