// First load of the Umbraco backoffice the Site serves at /umbraco, in headless Debian chromium:
// time from navigation start to the client's hand-over to sign-in (its authorize request, the
// point where a signed-out boot ends), requests and bytes, cold (new browser context, empty
// cache) and warm (the same context again: the immutable bundle comes from the cache).
//
//   dotnet run --project Studenka.Umbraco.Site -c Release --urls http://127.0.0.1:5123 &
//   dotnet build tests/Studenka.Umbraco.Site.BrowserTests   # brings Playwright's node driver
//   node benchmarks/backoffice-load.cjs http://127.0.0.1:5123 [rounds]
//
// The driver is the one the Microsoft.Playwright NuGet package ships (no npm install); set
// PLAYWRIGHT_PACKAGE to use another copy, STUDENKA_CHROMIUM for another browser binary.
const path = require('node:path');
const driver = process.env.PLAYWRIGHT_PACKAGE
	?? path.join(__dirname, '../tests/Studenka.Umbraco.Site.BrowserTests/bin/Debug/net10.0/.playwright/package');
const { chromium } = require(driver);

const base = process.argv[2] ?? 'http://127.0.0.1:5123';
const rounds = Number(process.argv[3] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function load(context) {
	const page = await context.newPage();
	// Chrome's own network events: Playwright's page.route would switch the HTTP cache off.
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	let requests = 0;
	let bytes = 0;
	let fromCache = 0;
	let handOver;
	const reached = new Promise((resolve) => (handOver = resolve));
	cdp.on('Network.requestWillBeSent', (e) => {
		if (e.request.url.includes('/security/back-office/authorize?')) handOver(performance.now());
		else requests++;
	});
	cdp.on('Network.requestServedFromCache', () => fromCache++);
	cdp.on('Network.responseReceived', (e) => e.response.fromDiskCache && fromCache++);
	cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
	const started = performance.now();
	await page.goto(`${base}/umbraco`, { waitUntil: 'commit' });
	const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no authorize request within 60 s')), 60_000));
	const ms = (await Promise.race([reached, timeout])) - started;
	await page.close();
	return { ms, requests, bytes, fromCache };
}

(async () => {
	const browser = await chromium.launch({
		executablePath: process.env.STUDENKA_CHROMIUM ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
	});
	const cold = [];
	const warm = [];
	for (let i = 0; i < rounds; i++) {
		const context = await browser.newContext({ locale: 'cs-CZ' });
		cold.push(await load(context));
		warm.push(await load(context));
		await context.close();
	}
	await browser.close();
	const show = (name, runs) =>
		console.log(`${name}: median ${Math.round(median(runs.map((r) => r.ms)))} ms (runs: ${runs.map((r) => Math.round(r.ms)).join(', ')}), `
			+ `${median(runs.map((r) => r.requests))} requests, ${(median(runs.map((r) => r.bytes)) / 1048576).toFixed(2)} MiB over the wire, `
			+ `${median(runs.map((r) => r.fromCache))} answered from the cache`);
	show('cold', cold);
	show('warm', warm);
})();
