export {
	hashPassword,
	verifyPassword,
	needsRehash,
	countPasswordDerivations,
	passwordHashingLoad,
	passwordHashCost,
	type ScryptCost
} from './password';
export { generateToken, hashToken } from './tokens';
export {
	createSession,
	validateSession,
	endSession,
	endAllSessionsOf,
	logout,
	type IssuedSession,
	type ValidatedSession,
	type ValidateOptions
} from './sessions';
export { login, createLoginLimiter, type LoginLimiter } from './login';
export { changeOwnPassword } from './password-change';
export { needsSetup, createFirstAdmin, type SetupInput } from './setup';
export {
	listAccounts,
	getAccount,
	createAccount,
	updateAccount,
	setAccountActive,
	setAccountPassword,
	requireAdmin,
	type Account
} from './accounts';
