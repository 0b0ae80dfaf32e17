import rule from '../../rules/no-unbounded-concurrency';
import { createRuleTester } from '../rule-tester';
import { cases } from './no-unbounded-concurrency.cases';

createRuleTester().run('no-unbounded-concurrency', rule, cases);
