import { EventEmitter } from 'node:events';

export class PriceFeed extends EventEmitter {
  private socket: EventEmitter;

  constructor(socket: EventEmitter) {
    super();
    this.socket = socket;
  }

  follow() {
    setInterval(() => this.poll(), 10_000);
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
    this.removeAllListeners();
  }
}
