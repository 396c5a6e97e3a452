import { tick } from 'svelte';

type Notice<T> = { id: number; value: T };

// Unique in the page: notices of several lists may be in it at once.
let nextId = 1;

/** A short list of change notices, newest last; keeps the last few. */
export class ChangeNoticeList<T> {
	items = $state<Notice<T>[]>([]);

	/** Adds a notice and, when `focus` is set, moves the focus to it (its field is gone). */
	async add(value: T, focus = false): Promise<Notice<T>> {
		const notice = { id: nextId++, value };
		this.items = [...this.items.slice(-4), notice];
		if (focus) {
			await tick();
			document.querySelector<HTMLElement>(`[data-change-notice="${notice.id}"]`)?.focus();
		}
		return this.items.find((item) => item.id === notice.id)!;
	}

	dismiss = (id: number): void => {
		this.items = this.items.filter((item) => item.id !== id);
	};
}
