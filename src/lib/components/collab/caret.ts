/** Who a remote caret belongs to, as the server writes it into their presence. */
type CaretUser = { name?: string; organisation?: string | null; color: string };

/**
 * The collaboration caret as @tiptap/extension-collaboration-caret draws it by default (same
 * classes and colours), labelled "name (organisation)". The label is hidden from screen readers:
 * it sits inside the editable text, which would otherwise read out the names as part of it.
 */
export function renderCaret(user: CaretUser): HTMLElement {
	const caret = document.createElement('span');
	caret.classList.add('collaboration-carets__caret');
	caret.style.borderColor = user.color;
	caret.setAttribute('aria-hidden', 'true');

	const label = document.createElement('div');
	label.classList.add('collaboration-carets__label');
	label.style.backgroundColor = user.color;
	const name = user.name ?? '';
	label.textContent = user.organisation ? `${name} (${user.organisation})` : name;
	caret.append(label);
	return caret;
}
