// The signed-in backoffice on a running Site, in headless Debian chromium, as a newcomer uses it:
//  1. three residents sign up at /sms (two on the streets the warning is for, one elsewhere) and
//     confirm with the code the sandbox shows;
//  2. the operator signs in on the Czech login page; then, per round, navigation to
//     /umbraco/section/sms → the SMS section's compose view rendered, cold (browser cache cleared,
//     still signed in) and warm (again, same context), with the number of requests;
//  3. compose (flood template, two streets) → confirm → the first SMS accepted by the gateway
//     (the campaign's delivery count `accepted` > 0, polled every 20 ms through the API);
//  4. which numbers the sandbox shows the warning for.
//
//   dotnet build tests/Studenka.Umbraco.Site.BrowserTests   # brings Playwright's node driver
//   printf '%s\n' "$PASSWORD" | dotnet run --project Studenka.Umbraco.Site -- create-operator --user hlidka --name "Městská policie" --role Dispatch --password-stdin
//   dotnet run --project Studenka.Umbraco.Site &             # http://localhost:5000
//   STUDENKA_PASSWORD="$PASSWORD" node benchmarks/backoffice-signed-in.cjs http://localhost:5000 hlidka [rounds]
const path = require('node:path');
const driver = process.env.PLAYWRIGHT_PACKAGE
	?? path.join(__dirname, '../tests/Studenka.Umbraco.Site.BrowserTests/bin/Debug/net10.0/.playwright/package');
const { chromium } = require(driver);

const base = process.argv[2] ?? 'http://localhost:5000';
const user = process.argv[3] ?? 'hlidka';
const rounds = Number(process.argv[4] ?? 5);
const password = process.env.STUDENKA_PASSWORD ?? '';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const suffix = String(Date.now()).slice(-5);
const residents = [
	{ phone: `605 ${suffix.slice(0, 3)} ${suffix.slice(3)}1`, part: 'Butovice', street: 'Nádražní', receives: true },
	{ phone: `605 ${suffix.slice(0, 3)} ${suffix.slice(3)}2`, part: 'Studénka', street: 'Požárnická', receives: true },
	{ phone: `605 ${suffix.slice(0, 3)} ${suffix.slice(3)}3`, part: 'Studénka', street: 'Nádražní', receives: false },
];
const e164 = (phone) => '+420' + phone.replaceAll(' ', '');

async function signUp(context, r) {
	const page = await context.newPage();
	await page.goto(`${base}/sms`);
	await page.getByLabel('Mobilní telefon').fill(r.phone);
	const address = page.getByRole('group', { name: 'Adresa 1' });
	await address.getByLabel('Část obce').selectOption({ label: r.part });
	// Streets are grouped by part (the same name is in several parts).
	const street = address.getByLabel('Ulice', { exact: true });
	await street.selectOption(await street.evaluate((s, [part, name]) => [...s.options].find((o) => o.parentElement.label === part && o.text.trim() === name).value, [r.part, r.street]));
	await page.getByLabel('1. Krizové zprávy', { exact: true }).check();
	await page.getByLabel('Souhlasím se zpracováním osobních údajů').check();
	await page.getByRole('button', { name: 'Přihlásit k odběru' }).click();
	await page.getByRole('heading', { name: 'Ověření telefonního čísla' }).waitFor();
	let code;
	for (let i = 0; i < 50 && !code; i++) {
		const sandbox = await context.newPage();
		await sandbox.goto(`${base}/sms/sandbox`);
		const text = await sandbox.locator(`tr[data-recipient="${e164(r.phone)}"] td.sms-body`).allInnerTexts();
		code = text.map((t) => /vas overovaci kod je (\d{6})/.exec(t)?.[1]).find(Boolean);
		await sandbox.close();
		if (!code) await new Promise((ok) => setTimeout(ok, 200));
	}
	await page.getByLabel('Kód z SMS').fill(code);
	await page.getByRole('button', { name: 'Potvrdit' }).click();
	await page.getByRole('heading', { name: 'Hotovo, odběr je aktivní' }).waitFor();
	await page.close();
}

async function sectionLoad(page, cdp, cold) {
	if (cold) await cdp.send('Network.clearBrowserCache');
	let requests = 0;
	const count = () => requests++;
	cdp.on('Network.requestWillBeSent', count);
	const started = performance.now();
	await page.goto(`${base}/umbraco/section/sms/view/compose`, { waitUntil: 'commit' });
	await page.locator('[data-testid=compose-role]').waitFor({ timeout: 60_000 });
	const ms = performance.now() - started;
	cdp.off('Network.requestWillBeSent', count);
	return { ms, requests };
}

(async () => {
	const browser = await chromium.launch({
		executablePath: process.env.STUDENKA_CHROMIUM ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
	});
	const context = await browser.newContext({ locale: 'cs-CZ', viewport: { width: 1280, height: 900 } });
	for (const r of residents) await signUp(context, r);

	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	let firstRequests = 0;
	const countFirst = () => firstRequests++;
	cdp.on('Network.requestWillBeSent', countFirst);
	const signInStarted = performance.now();
	await page.goto(`${base}/umbraco`);
	await page.waitForURL(/\/umbraco\/login/);
	const loginShown = performance.now() - signInStarted;
	await page.getByLabel('Přihlašovací jméno').fill(user);
	await page.getByLabel('Heslo').fill(password);
	const submitted = performance.now();
	await page.getByRole('button', { name: 'Přihlásit' }).click();
	await page.locator('umb-backoffice-header-sections uui-tab').first().waitFor({ timeout: 60_000 });
	const signedIn = performance.now() - submitted;
	cdp.off('Network.requestWillBeSent', countFirst);

	const cold = [];
	const warm = [];
	for (let i = 0; i < rounds; i++) {
		cold.push(await sectionLoad(page, cdp, true));
		warm.push(await sectionLoad(page, cdp, false));
	}

	// Compose → confirm → first SMS accepted by the gateway.
	await page.locator('[data-testid=compose-template] select').selectOption({ label: 'Povodeň' });
	await page.locator('[data-testid=compose-text] textarea').fill('POVODEŇ: v ulicích Nádražní (Butovice) a Požárnická hrozí zaplavení. Přesuňte auta výš. Město Studénka');
	for (const label of ['Nádražní (Butovice)', 'Požárnická (Studénka)']) await page.locator(`uui-checkbox[label="${label}"]`).click();
	await page.locator('[data-testid=compose-preview][data-fresh=true]').waitFor();
	const recipients = await page.locator('[data-testid=compose-recipients]').innerText();
	await page.locator('[data-testid=compose-send]').click();
	const confirmed = performance.now();
	await page.locator('[data-testid=confirm-send]').click();
	let accepted = 0;
	while (accepted === 0 && performance.now() - confirmed < 30_000) {
		accepted = await page.evaluate(async () => {
			const r = await fetch('/umbraco/sms/api/v1/campaigns?take=1', { headers: { Authorization: 'Bearer [redacted]' }, credentials: 'include' });
			return r.ok ? ((await r.json()).items[0]?.delivery?.accepted ?? 0) : 0;
		});
		if (accepted === 0) await new Promise((ok) => setTimeout(ok, 20));
	}
	const firstAccepted = performance.now() - confirmed;

	await page.goto(`${base}/sms/sandbox`);
	const warned = (await page.locator('tr[data-recipient]').filter({ hasText: 'POVODE' }).evaluateAll((rows) => rows.map((r) => r.dataset.recipient)));
	await browser.close();

	const show = (name, runs) =>
		console.log(`${name}: median ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s (${runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')}), requests median ${median(runs.map((r) => r.requests))}`);
	console.log(`login page shown ${(loginShown / 1000).toFixed(2)} s; sign-in submit → backoffice rendered ${(signedIn / 1000).toFixed(2)} s; first signed-in load ${firstRequests} requests`);
	show('section, cold cache', cold);
	show('section, warm', warm);
	console.log(`preview recipients ${recipients}; confirm → first SMS accepted ${(firstAccepted / 1000).toFixed(2)} s`);
	const expected = residents.filter((r) => r.receives).map((r) => e164(r.phone)).sort();
	const ok = JSON.stringify([...new Set(warned)].filter((n) => residents.some((r) => e164(r.phone) === n)).sort()) === JSON.stringify(expected);
	console.log(`sandbox shows the warning for ${[...new Set(warned)].join(', ')}: ${ok ? 'exactly the residents of the two streets' : 'NOT the expected ' + expected.join(', ')}`);
	process.exit(ok ? 0 : 1);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
