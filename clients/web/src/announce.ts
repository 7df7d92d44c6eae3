// The one polite live region: tells screen-reader users what changed without moving their focus.
let timer: number | undefined;
let pending: string[] = [];

export function announce(message: string): void {
  const region = document.getElementById('announcer');
  if (!region || !message) return;
  // Clearing first makes the same message be read again when it repeats; messages that come
  // together (the speaker changed and you are next) are read together rather than one lost.
  if (!pending.includes(message)) pending.push(message);
  region.textContent = '';
  window.clearTimeout(timer);
  timer = window.setTimeout(() => {
    region.textContent = pending.join(' ');
    pending = [];
  }, 50);
}
