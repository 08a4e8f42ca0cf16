// Stand-in for tiptap (rich text) and monaco (code editor), which the Site does not use: any
// property, call or `new` gives the stub again, so modules that set them up at load time still
// load; using the editor itself shows this error instead of a silent blank.
const fail = () => {
	throw new Error('The rich text and code editors are not part of the Studénka Site backoffice.');
};
const stub = new Proxy(function stub() {}, {
	get: (_, key) => (key === '__esModule' ? false : key === 'then' ? undefined : key === Symbol.toPrimitive ? fail : stub),
	apply: () => stub,
	construct: () => stub,
});
module.exports = stub;
