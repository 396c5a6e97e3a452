import { z } from 'zod';
import { createApp } from '$lib/server/app';
import { readConfig } from '$lib/server/config';
import { demoAccounts, demoPassword, DemoRefused, loadDemo } from '$lib/server/demo';

/**
 * `npm run demo`: loads the fictional demo deployment into the configured database. Refuses a
 * database that holds real data unless `--force` is given or DEMO_FORCE=1.
 */
const options = z
	.object({
		args: z.array(z.string()).refine((args) => args.every((arg) => arg === '--force'), {
			message: 'the only option is --force'
		}),
		DEMO_FORCE: z.enum(['', '0', '1']).default('')
	})
	.safeParse({ args: process.argv.slice(2), DEMO_FORCE: process.env.DEMO_FORCE });
if (!options.success) {
	console.error(`npm run demo: ${z.prettifyError(options.error)}`);
	process.exit(2);
}
const force = options.data.args.includes('--force') || options.data.DEMO_FORCE === '1';

const app = await createApp(readConfig());
try {
	const { added, casesFilled } = await loadDemo(
		app.createCtx({ address: 'demo-loader' }),
		app.documents,
		{ force }
	);
	app.log.info({ rowsAdded: added, casesFilled }, 'demo deployment loaded (fictional data)');
	console.log(`\nDemo accounts (password for all: ${demoPassword}):`);
	for (const account of demoAccounts) console.log(`  ${account.email.padEnd(24)} ${account.name}`);
	console.log('');
} catch (error) {
	if (!(error instanceof DemoRefused)) throw error;
	console.error(`\nnpm run demo: ${error.message}\n`);
	process.exitCode = 1;
} finally {
	await app.close();
}
