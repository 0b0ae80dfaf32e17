import rule from '../../rules/no-shift-queue';
import { createRuleTester } from '../rule-tester';
import { cases } from './no-shift-queue.cases';

createRuleTester().run('no-shift-queue', rule, cases);
