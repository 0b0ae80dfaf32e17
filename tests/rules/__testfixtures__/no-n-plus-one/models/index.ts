export { User } from './user';
export const notAModel = { findByPk: (id: number) => id };
