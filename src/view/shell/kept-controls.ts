import { builtStateOf } from '../dom';

/**
 * What the user has typed or chosen in the panel's form controls, carried over a redraw of the
 * same screen that asks for it (`ScreenView.keepControls`). A redraw builds form controls anew
 * (patch.ts replaces them: their state is not in their markup), so a screen that follows a live
 * class would wipe a news flash the teacher is typing, or put the table they chose back to
 * "Every table", at every move of every pair. A control that other fields follow (Run a class:
 * the pairing's own fields, the scenario's doctrines) keeps its choice in the state instead, and
 * the view draws the fields that follow it from there: a restored value would not tell them.
 *
 * A control is carried over by its `data-key`, and only where the redraw builds it with what it
 * was built with before: a view that puts something else there (another code to join, a field
 * emptied after its text was sent, under a new key) has the last word.
 */

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface Kept {
  built: { value: string; checked: boolean };
  value: string;
  checked: boolean;
  selection: [number, number] | null;
  customError: string | null;
}

const CONTROLS = 'input[data-key], textarea[data-key], select[data-key]';

/** A file chooser's value cannot be set, and a button-like input holds nothing typed. */
const carriable = (el: Control) => !(el instanceof HTMLInputElement) || !['file', 'button', 'submit', 'reset', 'image', 'hidden'].includes(el.type);

export function keepControls(panel: ParentNode): Map<string, Kept> {
  const kept = new Map<string, Kept>();
  for (const el of panel.querySelectorAll<Control>(CONTROLS)) {
    if (!carriable(el)) continue;
    const text = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.selectionStart !== null);
    kept.set(el.dataset.key!, {
      built: builtStateOf(el),
      value: el.value,
      checked: el instanceof HTMLInputElement ? el.checked : false,
      selection: text ? [(el as HTMLInputElement).selectionStart ?? 0, (el as HTMLInputElement).selectionEnd ?? 0] : null,
      customError: el.validity.customError ? el.validationMessage : null,
    });
  }
  return kept;
}

export function restoreControls(panel: ParentNode, kept: ReadonlyMap<string, Kept>): void {
  for (const el of panel.querySelectorAll<Control>(CONTROLS)) {
    const was = kept.get(el.dataset.key!);
    if (!was || !carriable(el)) continue;
    const now = builtStateOf(el);
    if (now.value !== was.built.value || now.checked !== was.built.checked) continue;
    if (el.value !== was.value) el.value = was.value;
    if (el instanceof HTMLInputElement && el.checked !== was.checked) el.checked = was.checked;
    if (was.selection && el.value === was.value) (el as HTMLInputElement).setSelectionRange(...was.selection);
    if (was.customError) el.setCustomValidity(was.customError);
  }
}
