import { describe, expect, it } from 'vitest';
import { chooseRenderer, isSoftwareRenderer, rendererParam } from '../../src/view/renderer-choice';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const LLVMPIPE = 'llvmpipe (LLVM 15.0.6, 256 bits)';
const BASIC = 'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)';
const INTEL = 'ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)';
const MALI = 'Mali-G57';

describe('isSoftwareRenderer', () => {
  it('knows the software rasterisers', () => {
    for (const name of [SWIFTSHADER, LLVMPIPE, BASIC, 'Google SwiftShader', 'Software Rasterizer', 'softpipe']) expect(isSoftwareRenderer(name), name).toBe(true);
  });
  it('leaves GPUs alone', () => {
    for (const name of [INTEL, MALI, 'Apple M1', 'NVIDIA GeForce GTX 1050/PCIe/SSE2', '']) expect(isSoftwareRenderer(name), name).toBe(false);
  });
});

describe('rendererParam', () => {
  it('reads webgl or canvas, in any case', () => {
    expect(rendererParam('?renderer=canvas')).toEqual({ requested: 'canvas', problem: null });
    expect(rendererParam('?x=1&renderer=WebGL')).toEqual({ requested: 'webgl', problem: null });
  });
  it('has no preference without the parameter', () => {
    expect(rendererParam('')).toEqual({ requested: null, problem: null });
    expect(rendererParam('?renderer=')).toEqual({ requested: null, problem: null });
  });
  it('names a value it does not understand', () => {
    const r = rendererParam('?renderer=vulkan');
    expect(r.requested).toBeNull();
    expect(r.problem).toContain('"vulkan"');
  });
});

describe('chooseRenderer', () => {
  it('draws with WebGL on a GPU', () => {
    expect(chooseRenderer('', INTEL)).toMatchObject({ renderer: 'webgl', reason: 'gpu' });
    // A WebGL that will not name its renderer is taken for a GPU: most browsers that hide it do have one.
    expect(chooseRenderer('', '')).toMatchObject({ renderer: 'webgl', reason: 'gpu' });
  });
  it('draws with the canvas renderer where WebGL is software or missing', () => {
    expect(chooseRenderer('', SWIFTSHADER)).toMatchObject({ renderer: 'canvas', reason: 'software-webgl' });
    expect(chooseRenderer('', LLVMPIPE)).toMatchObject({ renderer: 'canvas', reason: 'software-webgl' });
    expect(chooseRenderer('', null)).toMatchObject({ renderer: 'canvas', reason: 'no-webgl' });
  });
  it('follows ?renderer= when WebGL exists, and keeps the canvas when it does not', () => {
    expect(chooseRenderer('?renderer=webgl', SWIFTSHADER)).toMatchObject({ renderer: 'webgl', reason: 'requested' });
    expect(chooseRenderer('?renderer=canvas', INTEL)).toMatchObject({ renderer: 'canvas', reason: 'requested' });
    expect(chooseRenderer('?renderer=webgl', null)).toMatchObject({ renderer: 'canvas', reason: 'no-webgl' });
  });
  it('chooses itself, and says so, on a value it does not understand', () => {
    const c = chooseRenderer('?renderer=gpu', INTEL);
    expect(c).toMatchObject({ renderer: 'webgl', reason: 'gpu' });
    expect(c.problem).toContain('"gpu"');
  });
});
