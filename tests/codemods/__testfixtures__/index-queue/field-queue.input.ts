// The queue is a field that outlives each tick: reported by the rule, left alone by the codemod.
export class Room {
  private readonly inbox: Message[] = [];

  receive(message: Message): void {
    this.inbox.push(message);
  }

  tick(): void {
    while (this.inbox.length > 0) {
      const message = this.inbox.shift()!;
      this.apply(message);
    }
  }

  private apply(message: Message): void {
    void message;
  }
}

interface Message {
  type: string;
}
