import type { Repository } from 'typeorm';

export interface User {
  id: number;
  name: string;
}

/** The repository reaches the service inside a dependency bag: syntax alone cannot tell its type. */
export interface Deps {
  users: Repository<User>;
}

/** An in-house class with the same method names: not a database client. */
export class UserCache {
  findOneBy(where: Partial<User>): Promise<User | null> {
    return Promise.resolve(where.id === undefined ? null : { id: where.id, name: '' });
  }
}
