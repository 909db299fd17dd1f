/** Phaser's source modules (src/view/phaser-lean.ts builds the game's Phaser from them) carry no types; the namespace is typed as the package's. */
declare module 'phaser/src/*' {
  const value: unknown;
  export default value;
}
