import { BaseModel } from './base';

export class User extends BaseModel {}
