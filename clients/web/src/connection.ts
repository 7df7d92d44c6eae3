// The live connection's state under a page's heading (a coloured dot and words); losing it and
// coming back up to date are said through the polite live region. Shared by the live pages.
import { announce } from './announce';
import { h, replaceChildren } from './dom';
import { t, type MessageKey } from './i18n';
import type { ConnectionState } from './live';

export class ConnectionIndicator {
  readonly element = h('p', { class: 'connection', id: 'connection-state' });
  private state: ConnectionState = 'connecting';

  /** `resynced`: what to say when the page is up to date again after a reconnect. */
  constructor(private readonly resynced: MessageKey) {
    this.draw();
  }

  show(state: ConnectionState): void {
    const previous = this.state;
    this.state = state;
    this.draw();
    if (state === previous) return;
    if (state === 'reconnecting') announce(t('conn.announce.reconnecting'));
    else if (state === 'resynced') announce(t(this.resynced));
  }

  private draw(): void {
    this.element.dataset.state = this.state;
    replaceChildren(
      this.element,
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      t('session.connection', { state: t(`conn.${this.state}` as MessageKey) }),
    );
  }
}
