import { createApp } from '$lib/server/app';
import { readConfig } from '$lib/server/config';
import { demoAccounts, demoPassword, loadDemo } from '$lib/server/demo';

/** `npm run demo`: loads the fictional demo deployment into the configured database. */
const app = await createApp(readConfig());
try {
	const { added } = await loadDemo(app.createCtx({ address: 'demo-loader' }));
	app.log.info({ rowsAdded: added }, 'demo deployment loaded (fictional data)');
	console.log(`\nDemo accounts (password for all: ${demoPassword}):`);
	for (const account of demoAccounts) console.log(`  ${account.email.padEnd(24)} ${account.name}`);
	console.log('');
} finally {
	await app.close();
}
