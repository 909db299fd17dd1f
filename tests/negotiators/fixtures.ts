import type { Domain, Preferences } from '../../src/negotiators/domain';
import type { Instance } from '../../src/negotiators/protocol';

/**
 * A two-issue domain small enough to check by hand. Packages are numbered a + 3b:
 *   p0 (x,p) A 0.4 B 0.3    p1 (y,p) A 0.7 B 0.15   p2 (z,p) A 1.0 B 0
 *   p3 (x,q) A 0   B 1.0    p4 (y,q) A 0.3 B 0.85   p5 (z,q) A 0.6 B 0.7
 */
export const DOMAIN: Domain = {
  issues: [
    { name: 'a', options: ['x', 'y', 'z'] },
    { name: 'b', options: ['p', 'q'] },
  ],
};

export const A: Preferences = { weights: [0.6, 0.4], values: [[0, 0.5, 1], [1, 0]], reservation: 0.1 };
export const B: Preferences = { weights: [0.3, 0.7], values: [[1, 0.5, 0], [0, 1]], reservation: 0.2 };

export const INSTANCE: Instance = { id: 'hand', turns: 10, domain: DOMAIN, sides: [A, B] };
