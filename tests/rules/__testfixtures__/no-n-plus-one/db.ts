import knex from 'knex';
import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
export default db;
