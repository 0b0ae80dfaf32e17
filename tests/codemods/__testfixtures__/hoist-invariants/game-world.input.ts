/**
 * The simulation step of an arena server: chat filtering, kill feed and history, once per tick.
 */
const BLOCKED_WORDS = '\\b(?:aimbot|wallhack|speedhack)\\b';
const MAX_CHAT_LENGTH = 200;

export interface Message {
  from: string;
  text: string;
  kills?: number;
}

export class World {
  private history: unknown[] = [];
  private score = 0;

  /** One fixed step. */
  tick(inbox: Message[]): string[] {
    const feed: string[] = [];
    for (const message of inbox) {
      // Chat is filtered before anyone sees it.
      const blocked = new RegExp(BLOCKED_WORDS, 'i');
      const text = message.text.slice(0, MAX_CHAT_LENGTH);
      feed.push(`${message.from}: ${blocked.test(text) ? '[removed]' : text}`);
      if (message.kills) {
        this.score += message.kills * 100;
        feed.push(`${message.from} scored ${new Intl.NumberFormat('en-US').format(this.score)} pts`);
      }
    }
    // A deep clone per tick is reported, but there is no mechanical fix: left alone.
    this.history.push(JSON.parse(JSON.stringify(inbox)));
    return feed;
  }
}
