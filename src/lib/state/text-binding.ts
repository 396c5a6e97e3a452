import * as Y from 'yjs';

/** The single changed range that turns `before` into `after`. */
export function diffRange(before: string, after: string) {
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) start++;
	let endBefore = before.length;
	let endAfter = after.length;
	while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
		endBefore--;
		endAfter--;
	}
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
			if (index <= position) shifted += length;
			index += length;
		} else if (op.delete !== undefined) {
			if (index < position) shifted -= Math.min(op.delete, position - index);
		}
	}
	return Math.max(0, shifted);
}

/**
 * Binds a plain <textarea> or <input> to a Y.Text: local typing becomes the minimal Yjs edit,
 * remote edits update the field and keep the cursor where the user had it.
 */
export function bindText(field: HTMLTextAreaElement | HTMLInputElement, text: Y.Text): () => void {
	field.value = text.toString();
	const onInput = () => {
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
