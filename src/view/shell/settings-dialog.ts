import { TEXT_SIZES, type TextSize } from '../../session/settings';
import { button, clear, h } from '../dom';
import type { Dispatch } from '../state/actions';
import type { AppState } from '../state/app-state';

const TEXT_SIZE_LABELS: Record<TextSize, string> = {
  normal: 'Normal',
  large: 'Large',
  larger: 'Larger (for a projector)',
};

/**
 * Settings in a native modal dialog, shown while `state.dialog` is 'settings'. Every change
 * applies at once (see look.ts) and is remembered. The controls are built when it opens and
 * then keep their own state, so a change never re-draws the control being used.
 */
export function mountSettingsDialog(dispatch: Dispatch): (next: AppState, prev: AppState) => void {
  const dialog = h('dialog', { id: 'settings', attrs: { 'aria-labelledby': 'settings-title' } });
  // Escape, or the Close button: the dialog closes itself, and the state follows.
  dialog.addEventListener('close', () => dispatch({ type: 'close-settings' }));
  document.body.appendChild(dialog);

  const build = (s: AppState['settings']) => {
    clear(dialog);
    const check = (
      id: string,
      label: string,
      hint: string,
      checked: boolean,
      onChange: (v: boolean) => void,
    ) =>
      h(
        'div',
        { class: 'choice' },
        h('input', {
          id,
          attrs: { type: 'checkbox', 'aria-describedby': `${id}-hint` },
          checked,
          on: { change: (e) => onChange((e.target as HTMLInputElement).checked) },
        }),
        h(
          'span',
          null,
          h('label', { class: 'choice-label', attrs: { for: id } }, label),
          h('span', { id: `${id}-hint`, class: 'hint' }, hint),
        ),
      );
    const select = h(
      'select',
      {
        id: 'setting-text-size',
        on: {
          change: (e) =>
            dispatch({
              type: 'change-settings',
              change: { textSize: (e.target as HTMLSelectElement).value as TextSize },
            }),
        },
      },
      ...TEXT_SIZES.map((size) =>
        h('option', { attrs: { value: size, selected: size === s.textSize } }, TEXT_SIZE_LABELS[size]),
      ),
    );
    dialog.append(
      h('h2', { id: 'settings-title' }, 'Settings'),
      check(
        'setting-sound',
        'Sound',
        'Soft tones for moves and outcomes, made in the browser.',
        s.sound,
        (v) => dispatch({ type: 'change-settings', change: { sound: v } }),
      ),
      check(
        'setting-motion',
        'Reduced motion',
        'No moving chips or sliding offers: everything jumps straight into place.',
        s.reducedMotion,
        (v) => dispatch({ type: 'change-settings', change: { reducedMotion: v } }),
      ),
      check(
        'setting-contrast',
        'High contrast',
        'White and yellow on black, for bright rooms and weak projectors.',
        s.highContrast,
        (v) => dispatch({ type: 'change-settings', change: { highContrast: v } }),
      ),
      h('label', { attrs: { for: 'setting-text-size' } }, 'Text size'),
      select,
      h(
        'div',
        { class: 'actions' },
        button('Close', () => dialog.close(), { key: 'close-settings' }),
      ),
    );
  };

  return (next, prev) => {
    if (next.dialog === prev.dialog) return;
    if (next.dialog === 'settings' && !dialog.open) {
      build(next.settings);
      dialog.showModal();
    } else if (next.dialog !== 'settings' && dialog.open) dialog.close();
  };
}
