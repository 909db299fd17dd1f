import { NORMAL, type Palette } from '../theme';

/** What every scene reads from the app: the look, the motion setting, and where to send intents. */
export interface StageContext {
  palette: Palette;
  reducedMotion: boolean;
  highContrast: boolean;
  /** Pixels of text texture per game unit: enough for the screen, no more (text textures are costly to upload). */
  textResolution: number;
  /**
   * The smallest font size, in game units, that shows as 14 CSS pixels times the text-size
   * setting at the canvas's current scale: every canvas text is drawn at least this large.
   */
  minTextSize: number;
  /** The text-size setting as a factor (1 for normal). */
  textScale: number;
  /**
   * The canvas is too small for its designed layout's text to be read (a phone, or the debrief's
   * canvas beside its wide panel): scenes that have a compact layout draw fewer, larger things and
   * leave the words the panel carries to the panel.
   */
  compact: boolean;
  /**
   * The canvas is too small for the designed layout whatever the text size (a phone): `compact`
   * is also true with a larger text size on a laptop's screen, where a scene that pages its words
   * (the teaching notes) still draws its designed layout.
   */
  smallCanvas: boolean;
  /** A chip dragged (or clicked) on the canvas: put it in the package or take it out. */
  setChip(issue: string, position: string, inPackage: boolean): void;
  /**
   * An entry of a timeline on the canvas (a scenario on the choice screen, an episode on the
   * history screen) was clicked: its card in the panel is picked (highlighted, brought into view,
   * its main button focused).
   */
  pickEntry(kind: 'scenario' | 'episode', id: string): void;
  /** Called once, when the first frame with a screen's content has been drawn. */
  onScreenDrawn(key: string): void;
}

export const stageContext: StageContext = {
  palette: NORMAL,
  reducedMotion: false,
  highContrast: false,
  textResolution: 1,
  minTextSize: 0,
  textScale: 1,
  compact: false,
  smallCanvas: false,
  setChip: () => undefined,
  pickEntry: () => undefined,
  onScreenDrawn: () => undefined,
};
