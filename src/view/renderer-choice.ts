/**
 * Which of Phaser's renderers draws the canvas. WebGL on a real GPU; the canvas (2D) renderer where
 * WebGL would be drawn in software (SwiftShader, llvmpipe, Windows' basic render driver: school
 * laptops whose GPU is blocklisted, headless Chromium without a GPU) or is missing. Software WebGL
 * rasterises every frame on the CPU and reads it back for the page, which costs hundreds of
 * milliseconds of the cores the AI's worker needs; the 2D canvas draws the same screens far cheaper.
 * Nothing the screens draw needs WebGL (no filters, tints or blend modes: text, images, shapes).
 */

export type RendererName = 'webgl' | 'canvas';

/** Why the renderer is the one it is (the test hook reports it). */
export interface RendererChoice {
  renderer: RendererName;
  reason: 'requested' | 'gpu' | 'software-webgl' | 'no-webgl';
  /** The WebGL renderer's name as the browser gives it, when it gave one. */
  glRenderer: string | null;
  /** A `?renderer=` value that was not understood, for the console. */
  problem: string | null;
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/** Whether a WebGL renderer's name (UNMASKED_RENDERER_WEBGL, else RENDERER) is a software rasteriser. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

/**
 * The `renderer` URL parameter (`?renderer=webgl` or `?renderer=canvas`, for testing either on any
 * machine). Absent or empty: no preference. Anything else: no preference, and the problem named.
 */
export function rendererParam(search: string): { requested: RendererName | null; problem: string | null } {
  const raw = new URLSearchParams(search).get('renderer');
  if (raw === null || raw === '') return { requested: null, problem: null };
  const value = raw.trim().toLowerCase();
  if (value === 'webgl' || value === 'canvas') return { requested: value, problem: null };
  return { requested: null, problem: `The renderer parameter "${raw.slice(0, 40)}" is not "webgl" or "canvas"; the game chose one itself.` };
}

/**
 * The choice from what was asked and what the browser's WebGL is (`glRenderer`: its name, '' when
 * WebGL works but will not name itself, null when there is no WebGL). An asked-for WebGL without
 * WebGL is still the canvas: Phaser would otherwise fail to start.
 */
export function chooseRenderer(search: string, glRenderer: string | null): RendererChoice {
  const { requested, problem } = rendererParam(search);
  if (glRenderer === null) return { renderer: 'canvas', reason: 'no-webgl', glRenderer, problem };
  if (requested) return { renderer: requested, reason: 'requested', glRenderer, problem };
  if (isSoftwareRenderer(glRenderer)) return { renderer: 'canvas', reason: 'software-webgl', glRenderer, problem };
  return { renderer: 'webgl', reason: 'gpu', glRenderer, problem };
}

/**
 * Ask the browser which WebGL it has: the renderer's name, '' if it will not say, null without
 * WebGL. The probe's context is released at once, so it does not count against the page's limit.
 */
export function probeWebGL(): string | null {
  let gl: WebGLRenderingContext | null = null;
  try {
    const canvas = document.createElement('canvas');
    gl = (canvas.getContext('webgl') ?? canvas.getContext('experimental-webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name: unknown = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return typeof name === 'string' ? name : '';
  } catch {
    return null;
  } finally {
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
