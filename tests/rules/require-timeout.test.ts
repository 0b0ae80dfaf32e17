import rule from '../../rules/require-timeout';
import { createRuleTester } from '../rule-tester';
import { cases } from './require-timeout.cases';

createRuleTester().run('require-timeout', rule, cases);
