import { EventEmitter } from 'node:events';

export class PriceFeed extends EventEmitter {
  private pollTimer?: ReturnType<typeof setInterval>;
  private socket: EventEmitter;

  constructor(socket: EventEmitter) {
    super();
    this.socket = socket;
  }

  follow() {
    this.pollTimer = setInterval(() => this.poll(), 10_000);
    this.socket.on('price', this.onPrice);
  }

  retryLater() {
    this.retry = setTimeout(() => this.follow(), 5_000);
  }

  poll() {}

  onPrice(price: number) {
    this.emit('price', price);
  }

  close() {
    clearInterval(this.pollTimer);
    this.socket.off('price', this.onPrice);
    clearTimeout(this.retry);
    this.removeAllListeners();
  }
}
