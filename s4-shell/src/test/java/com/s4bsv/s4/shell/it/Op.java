package com.s4bsv.s4.shell.it;

/** The operations of the load test, in the order its figures are printed. */
enum Op {
    PUT,
    GET,
    LIST,
    DELETE
}
