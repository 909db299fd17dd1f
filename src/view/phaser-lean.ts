/**
 * Phaser as the game uses it: its core modules (src/phaser-core.js of Phaser's own source: the
 * game, scenes, cameras, input, loader, tweens, text, graphics, images, WebGL and canvas
 * renderers) plus the few objects and file types the screens add (containers, rectangles and
 * circles, zones for the timelines' clickable entries, SVG files), built from Phaser's source instead of its prebuilt whole-library bundle.
 * vite.config.ts points the game's `import Phaser from 'phaser'` here and sets Phaser's build
 * flags; the types stay the package's. The bare page of `npm run bench:ui` keeps the whole
 * library, as the reference it is measured against.
 */
import type PhaserNamespace from 'phaser';
import core from 'phaser/src/phaser-core.js';
import Container from 'phaser/src/gameobjects/container/Container.js';
import Rectangle from 'phaser/src/gameobjects/shape/rectangle/Rectangle.js';
import Arc from 'phaser/src/gameobjects/shape/arc/Arc.js';
import Zone from 'phaser/src/gameobjects/zone/Zone.js';
import SVGFile from 'phaser/src/loader/filetypes/SVGFile.js';
import LoaderEvents from 'phaser/src/loader/events/index.js';
// Each registers itself with the game-object factory (`scene.add.container`, `.rectangle`, `.circle`, `.zone`).
import 'phaser/src/gameobjects/container/ContainerFactory.js';
import 'phaser/src/gameobjects/shape/rectangle/RectangleFactory.js';
import 'phaser/src/gameobjects/shape/arc/ArcFactory.js';
import 'phaser/src/gameobjects/zone/ZoneFactory.js';

const Phaser = core as typeof PhaserNamespace;
Object.assign(Phaser.GameObjects, { Container, Rectangle, Arc, Zone });
Object.assign(Phaser.Loader.FileTypes, { SVGFile });
Object.assign(Phaser.Loader, { Events: LoaderEvents });

export default Phaser;
