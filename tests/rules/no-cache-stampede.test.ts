import rule from '../../rules/no-cache-stampede';
import { createRuleTester } from '../rule-tester';
import { cases } from './no-cache-stampede.cases';

createRuleTester().run('no-cache-stampede', rule, cases);
