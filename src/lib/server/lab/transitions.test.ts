import { describe, expect, it } from 'vitest';
import { labCommandSchemas, type LabCommandName } from '../../protocol/lab';
import { accepts, nextStatus, stepAfter } from './transitions';

const commands = Object.keys(labCommandSchemas) as LabCommandName[];

describe('session state machine', () => {
	it('lets a planned session be edited, started, handed over and joined, nothing more', () => {
		expect(commands.filter((c) => accepts('planned', c))).toEqual([
			'lab:update',
			'lab:start',
			'lab:presence:set',
			'lab:handover'
		]);
	});

	it('runs every live command while running, but no planning and no second start', () => {
		const running = commands.filter((c) => accepts('running', c));
		expect(running).not.toContain('lab:update');
		expect(running).not.toContain('lab:start');
		expect(running).not.toContain('lab:plan');
		expect(running).toContain('lab:end');
		expect(running).toContain('lab:observation:propose');
	});

	it('accepts nothing once ended', () => {
		expect(commands.filter((c) => accepts('ended', c))).toEqual([]);
	});

	it('moves planned → running → ended and nowhere else', () => {
		expect(nextStatus('planned', 'lab:start')).toBe('running');
		expect(nextStatus('running', 'lab:end')).toBe('ended');
		expect(nextStatus('running', 'lab:step:next')).toBe('running');
		expect(nextStatus('ended', 'lab:start')).toBe('ended');
	});

	it('steps on to the next step and stops after the last', () => {
		expect(stepAfter(null, 5)).toBe(0);
		expect(stepAfter(3, 5)).toBe(4);
		expect(stepAfter(4, 5)).toBeNull();
	});
});
