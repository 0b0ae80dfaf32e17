import rule from '../../rules/no-leaked-listener';
import { createRuleTester } from '../rule-tester';
import { cases } from './no-leaked-listener.cases';

createRuleTester().run('no-leaked-listener', rule, cases);
