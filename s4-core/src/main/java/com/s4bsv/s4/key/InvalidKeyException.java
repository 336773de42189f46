package com.s4bsv.s4.key;

/** A key or prefix that breaks one of the key rules; the message names the key and the rule. */
public final class InvalidKeyException extends IllegalArgumentException {

    private final String key;
    private final String rule;

    InvalidKeyException(String key, String rule) {
        super("invalid key " + KeyText.printable(key) + ": " + rule);
        this.key = key;
        this.rule = rule;
    }

    public String key() {
        return key;
    }

    public String rule() {
        return rule;
    }
}
