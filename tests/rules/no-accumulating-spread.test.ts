import rule from '../../rules/no-accumulating-spread';
import { createRuleTester } from '../rule-tester';
import { cases } from './no-accumulating-spread.cases';

createRuleTester().run('no-accumulating-spread', rule, cases);
