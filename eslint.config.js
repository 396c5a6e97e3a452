import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Imports only the realtime adapters may make. */
const socketProtocols = {
	group: [
		'ws',
		'socket.io',
		'socket.io-*',
		'@socket.io/*',
		'engine.io',
		'y-protocols',
		'y-protocols/*',
		'y-websocket'
	],
	message: 'Socket protocols belong in src/lib/server/realtime/ (DESIGN §5a).'
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'node_modules/',
			'data/',
			'data-demo/',
			'test-results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			]
		}
	},
	// Module boundaries (DESIGN §5a): only the realtime adapters speak socket protocols, and
	// capabilities know nothing of SvelteKit, so they run the same under routes, sockets and tests.
	{
		files: ['src/lib/server/**/*.ts', 'src/routes/**/*.ts', 'src/hooks.server.ts'],
		ignores: ['src/lib/server/realtime/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [socketProtocols]
				}
			]
		}
	},
	{
		files: ['src/lib/server/*/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['@sveltejs/kit', '@sveltejs/kit/*', '$app/*', '$env/*'],
							message: 'Capabilities take a ctx and import no SvelteKit module (DESIGN §5a).'
						},
						socketProtocols
					]
				}
			]
		}
	},
	{
		files: ['src/lib/server/realtime/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['@sveltejs/kit', '@sveltejs/kit/*', '$app/*', '$env/*'],
							message: 'The realtime adapters import no SvelteKit module (DESIGN §5a).'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
