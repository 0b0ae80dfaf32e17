// A stand-in for typeorm's declarations: type-aware mode only needs to see which package declares
// the type.
declare module 'typeorm' {
  export class Repository<T> {
    findOneBy(where: Partial<T>): Promise<T | null>;
    save(entity: T): Promise<T>;
  }
}
