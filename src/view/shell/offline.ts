/**
 * Offline play after the first visit: registers the service worker the build emits (sw.js, see
 * sw-source.ts) and, when a new version of the game has been installed behind a running one,
 * says so in the top bar instead of reloading: the new version starts the next time the game is
 * opened, so a game in progress is never broken. Not in the dev server (nothing is emitted there).
 */
export function keepForOffline(bar: HTMLElement): void {
  if (!('serviceWorker' in navigator) || import.meta.env.BC_OFFLINE !== true) return;
  const announce = () => {
    if (bar.querySelector('.update-note')) return;
    const note = document.createElement('p');
    note.className = 'update-note';
    note.setAttribute('role', 'status');
    note.textContent = 'A new version of the game is ready: it starts the next time you open the game. Your game goes on.';
    bar.appendChild(note);
  };
  navigator.serviceWorker.register('./sw.js').then(
    (registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) announce();
      registration.addEventListener('updatefound', () => {
        const next = registration.installing;
        next?.addEventListener('statechange', () => {
          // Installed while an older version runs this page: the new one waits for the next visit.
          if (next.state === 'installed' && navigator.serviceWorker.controller) announce();
        });
      });
    },
    () => undefined, // no offline copy (a private window, an http:// host other than localhost): the game plays online as before
  );
}
