import rule from '../../rules/prefer-preallocation';
import { createRuleTester } from '../rule-tester';
import { cases } from './prefer-preallocation.cases';

createRuleTester().run('prefer-preallocation', rule, cases);
