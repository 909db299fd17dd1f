import { TEXT_SIZES, type TextSize } from '../../session/settings';
import type { App } from '../app';
import { button, h } from '../dom';

const TEXT_SIZE_LABELS: Record<TextSize, string> = { normal: 'Normal', large: 'Large', larger: 'Larger (for a projector)' };

/** Settings in a native modal dialog: every change applies at once and is remembered. */
export class SettingsDialog {
  private readonly dialog: HTMLDialogElement;

  constructor(private readonly app: App) {
    this.dialog = h('dialog', { id: 'settings', attrs: { 'aria-labelledby': 'settings-title' } });
    document.body.appendChild(this.dialog);
  }

  open(): void {
    this.build();
    this.dialog.showModal();
  }

  private build(): void {
    const s = this.app.settings;
    const d = this.dialog;
    while (d.firstChild) d.removeChild(d.firstChild);
    const check = (id: string, label: string, hint: string, checked: boolean, onChange: (v: boolean) => void) =>
      h(
        'div',
        { class: 'choice' },
        h('input', { id, attrs: { type: 'checkbox', 'aria-describedby': `${id}-hint` }, checked, on: { change: (e) => onChange((e.target as HTMLInputElement).checked) } }),
        h('span', null, h('label', { class: 'choice-label', attrs: { for: id } }, label), h('span', { id: `${id}-hint`, class: 'hint' }, hint)),
      );
    const select = h(
      'select',
      { id: 'setting-text-size', on: { change: (e) => this.app.changeSettings({ textSize: (e.target as HTMLSelectElement).value as TextSize }) } },
      ...TEXT_SIZES.map((size) => h('option', { attrs: { value: size, selected: size === s.textSize } }, TEXT_SIZE_LABELS[size])),
    );
    d.append(
      h('h2', { id: 'settings-title' }, 'Settings'),
      check('setting-sound', 'Sound', 'Soft tones for moves and outcomes, made in the browser.', s.sound, (v) => this.app.changeSettings({ sound: v })),
      check('setting-motion', 'Reduced motion', 'No moving chips or sliding offers: everything jumps straight into place.', s.reducedMotion, (v) => this.app.changeSettings({ reducedMotion: v })),
      check('setting-contrast', 'High contrast', 'White and yellow on black, for bright rooms and weak projectors.', s.highContrast, (v) => this.app.changeSettings({ highContrast: v })),
      h('label', { attrs: { for: 'setting-text-size' } }, 'Text size'),
      select,
      h('div', { class: 'actions' }, button('Close', () => this.dialog.close(), { key: 'close-settings' })),
    );
  }
}
