import rule from '../../rules/no-alloc-in-hot-loop';
import { createRuleTester } from '../rule-tester';
import { cases } from './no-alloc-in-hot-loop.cases';

createRuleTester().run('no-alloc-in-hot-loop', rule, cases);
