package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.format.FatalException;

/**
 * A tool's help: the three strings of the original ({@code description} and {@code usage} end in
 * a blank line), printed together by {@code -h}; {@code usage: } + usage is the arity error.
 */
public record Usage(String description, String usage, String example) {

    /** The full {@code -h} text. */
    public String help() {
        return description + "usage: " + usage + example;
    }

    /** The arity error: {@code usage: <usage>}, exit 1. */
    public FatalException error() {
        return FatalException.usage(usage);
    }
}
