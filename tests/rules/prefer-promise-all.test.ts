import rule from '../../rules/prefer-promise-all';
import { createRuleTester } from '../rule-tester';
import { cases } from './prefer-promise-all.cases';

createRuleTester().run('prefer-promise-all', rule, cases);
