import rule from '../../rules/no-leaked-timer';
import { createRuleTester } from '../rule-tester';
import { cases } from './no-leaked-timer.cases';

createRuleTester().run('no-leaked-timer', rule, cases);
