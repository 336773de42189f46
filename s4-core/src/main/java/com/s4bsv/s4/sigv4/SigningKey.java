package com.s4bsv.s4.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * A day's SigV4 signing key with an HMAC already keyed by it. A signature clones the keyed prototype, which skips
 * the provider lookup of {@code Mac.getInstance} and the key schedule of {@code init} that a request would otherwise
 * pay; the prototype itself is never updated, so one instance serves any number of threads.
 */
public final class SigningKey {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final Mac keyed;

    public SigningKey(byte[] bytes) {
        this.bytes = bytes.clone();
        this.keyed = SigV4.keyedHmac(this.bytes);
    }

    /** The signing key of {@code secret} for {@code date} (yyyyMMdd), {@code region} and {@code service}. */
    public static SigningKey of(String secret, String date, String region, String service) {
        return new SigningKey(SigV4.signingKey(secret, date, region, service));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The hex signature of {@code stringToSign}: what {@link SigV4#signature(byte[], String)} gives. */
    public String signature(String stringToSign) {
        return HEX.formatHex(SigV4.cloneOf(keyed).doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }
}
