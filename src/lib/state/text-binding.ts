import * as Y from 'yjs';
import { changedRange } from '$lib/text/changed-range';
import { containsBsn } from '$lib/schemas/bsn';

/** The single changed range that turns `before` into `after`. */
export function diffRange(before: string, after: string) {
	const { start, endBefore, endAfter } = changedRange(before, after);
	return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

/** Where a cursor at `position` ends up after a remote change described by a Yjs text delta. */
export function shiftPosition(position: number, delta: Y.YTextEvent['delta']): number {
	let index = 0;
	let shifted = position;
	for (const op of delta) {
		if (op.retain !== undefined) index += op.retain;
		else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			// Text inserted right at the cursor goes after it: two people typing at one spot each
			// keep their own run of letters instead of interleaving them.
			if (index < position) shifted += length;
			index += length;
		} else if (op.delete !== undefined) {
			if (index < position) shifted -= Math.min(op.delete, position - index);
		}
	}
	return Math.max(0, shifted);
}

type TextField = HTMLTextAreaElement | HTMLInputElement;

export type BindOptions = {
	/**
	 * Told `true` when an input was not applied because the text would then hold a BSN-like
	 * number (the server would refuse it and close the connection), `false` once an input is
	 * applied again: show or clear a message at the field.
	 */
	onRefused?: (refused: boolean) => void;
};

/**
 * Undoes an input that would put a BSN in the text, before anything is sent. Returns whether
 * it did; marks the field invalid until an input is accepted.
 */
function refuseBsn(field: TextField, current: string, options: BindOptions): boolean {
	if (!containsBsn(field.value)) {
		if (field.hasAttribute('aria-invalid')) {
			field.removeAttribute('aria-invalid');
			options.onRefused?.(false);
		}
		return false;
	}
	const caret = diffRange(current, field.value).index;
	field.value = current;
	field.setSelectionRange(caret, caret);
	field.setAttribute('aria-invalid', 'true');
	options.onRefused?.(true);
	return true;
}

/**
 * Binds a plain <textarea> or <input> to a Y.Text: local typing becomes the minimal Yjs edit,
 * remote edits update the field and keep the cursor where the user had it. Typing that would
 * leave a BSN-like number in the text is not applied.
 */
export function bindText(field: TextField, text: Y.Text, options: BindOptions = {}): () => void {
	// Assigning an equal value still moves the caret to the end in some browsers.
	if (field.value !== text.toString()) field.value = text.toString();
	const onInput = () => {
		if (refuseBsn(field, text.toString(), options)) return;
		const { index, remove, insert } = diffRange(text.toString(), field.value);
		text.doc?.transact(() => {
			if (remove) text.delete(index, remove);
			if (insert) text.insert(index, insert);
		}, field);
	};
	const onRemote = (event: Y.YTextEvent) => {
		if (event.transaction.origin === field) return;
		const focused = document.activeElement === field;
		const [start, end] = [field.selectionStart ?? 0, field.selectionEnd ?? 0];
		field.value = text.toString();
		if (focused)
			field.setSelectionRange(shiftPosition(start, event.delta), shiftPosition(end, event.delta));
	};
	field.addEventListener('input', onInput);
	text.observe(onRemote);
	return () => {
		field.removeEventListener('input', onInput);
		text.unobserve(onRemote);
	};
}

/**
 * Binds a field to the Y.Text under `key` in a Y.Map (a plan item's action, a life domain's
 * note), so that two people typing in one field both keep their text. The server gives every
 * such field its Y.Text when it loads a document; until this browser has synced (offline, with a
 * copy from before that), the key may hold a plain string or nothing, and the first local edit
 * puts a Y.Text there. Follows the key when another client replaces its value.
 */
export function bindMapText(
	field: TextField,
	map: Y.Map<unknown>,
	key: string,
	options: BindOptions = {}
): () => void {
	let unbindText = () => {};
	const attach = () => {
		unbindText();
		unbindText = () => {};
		const value = map.get(key);
		if (value instanceof Y.Text) unbindText = bindText(field, value, options);
		else if (field.value !== (typeof value === 'string' ? value : '')) {
			field.value = typeof value === 'string' ? value : '';
		}
	};
	const onPlainInput = () => {
		const value = map.get(key);
		if (value instanceof Y.Text) return; // bindText has it
		if (refuseBsn(field, typeof value === 'string' ? value : '', options)) return;
		map.set(key, new Y.Text(field.value));
	};
	const onMap = (event: Y.YMapEvent<unknown>) => {
		if (event.keysChanged.has(key)) attach();
	};
	attach();
	field.addEventListener('input', onPlainInput);
	map.observe(onMap);
	return () => {
		unbindText();
		field.removeEventListener('input', onPlainInput);
		map.unobserve(onMap);
	};
}

type MapTextTarget = { map: Y.Map<unknown>; key: string } & BindOptions;

/** `bindMapText` as a Svelte action: `<input use:mapText={{ map, key, onRefused }} />`. */
export function mapText(field: TextField, target: MapTextTarget) {
	let current = target;
	let unbind = bindMapText(field, current.map, current.key, current);
	return {
		update(next: MapTextTarget) {
			if (next.map === current.map && next.key === current.key) return;
			unbind();
			current = next;
			unbind = bindMapText(field, current.map, current.key, current);
		},
		destroy: () => unbind()
	};
}
