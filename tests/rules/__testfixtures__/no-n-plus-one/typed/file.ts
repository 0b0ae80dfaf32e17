// RuleTester lints its in-memory code under this file name.
export {};
