package com.s4bsv.s4.server.compute;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.s4bsv.s4.key.InvalidKeyException;
import com.s4bsv.s4.key.KeyRules;
import com.s4bsv.s4.key.S4Key;
import com.s4bsv.s4.key.S4Prefix;
import com.s4bsv.s4.wire.ComputeRequest;
import org.jspecify.annotations.Nullable;

/**
 * A validated map-family request: which local keys are inputs and where outputs go.
 *
 * @param bucket  the input bucket
 * @param base    the input folder's path inside the bucket ("" or ending in '/')
 * @param glob    the split input directory
 * @param outdir  the output folder (its {@code toString()} ends in '/')
 */
record JobSpec(Mode mode, String bucket, String base, Glob glob, S4Prefix outdir, String cmd) {

    /** The JSON body of a map-family call. */
    record Body(
            @JsonProperty(ComputeRequest.INDIR) @Nullable String indir,
            @JsonProperty(ComputeRequest.OUTDIR) @Nullable String outdir,
            @JsonProperty(ComputeRequest.CMD) @Nullable String cmd) {}

    /** @throws InvalidComputeRequestException naming the broken rule */
    static JobSpec parse(Mode mode, Body body) {
        String indir = required(body.indir(), ComputeRequest.INDIR);
        String outdir = required(body.outdir(), ComputeRequest.OUTDIR);
        String cmd = required(body.cmd(), ComputeRequest.CMD);
        if (cmd.isBlank()) {
            throw invalid("cmd is empty", null);
        }
        if (!indir.startsWith(KeyRules.SCHEME)) {
            throw invalid("indir must start with s4://, got: " + indir, indir);
        }
        if (!outdir.startsWith(KeyRules.SCHEME)) {
            throw invalid("outdir must start with s4://, got: " + outdir, outdir);
        }
        Glob glob;
        try {
            glob = Glob.split(indir);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage() + " (indir " + indir + ")", indir);
        }
        if (!glob.base().endsWith("/")) {
            throw invalid("indir not a directory (must end with '/' or hold a glob): " + indir, indir);
        }
        if (!outdir.endsWith("/")) {
            throw invalid("outdir not a directory (must end with '/'): " + outdir, outdir);
        }
        S4Prefix in = prefix(glob.base(), ComputeRequest.INDIR);
        S4Prefix out = prefix(outdir, ComputeRequest.OUTDIR);
        return new JobSpec(mode, in.bucket(), in.prefix(), glob, out, cmd);
    }

    private static S4Prefix prefix(String text, String what) {
        try {
            S4Prefix prefix = S4Prefix.parse(text);
            if (prefix.isAllBuckets()) {
                throw invalid(what + " needs a bucket: " + text, text);
            }
            return prefix;
        } catch (InvalidKeyException e) {
            throw invalid(what + ": " + e.getMessage(), text);
        }
    }

    /** A key under the output folder; the name comes from the command or the input, so it is checked here. */
    S4Key output(String relative) {
        return S4Key.parse(outdir + relative);
    }

    private static String required(@Nullable String value, String field) {
        if (value == null) {
            throw invalid("missing field \"" + field + "\" in the JSON body", null);
        }
        return value;
    }

    static InvalidComputeRequestException invalid(String message, @Nullable String resource) {
        return new InvalidComputeRequestException(message, resource);
    }
}
