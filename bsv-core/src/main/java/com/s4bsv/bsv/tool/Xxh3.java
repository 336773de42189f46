package com.s4bsv.bsv.tool;

import com.s4bsv.bsv.arg.Argh;
import com.s4bsv.bsv.bytes.Xxh3Stream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** XXH3-64 of all of stdin, as 16 hex digits or an unsigned decimal; --stream passes stdin through. */
final class Xxh3 implements Tool {

    static final Usage USAGE = new Usage(
            "xxh3_64 hash stdin\n\n",
            "... | xxh3 [--stream|--int]\n\n",
            "  --stream pass stdin through to stdout with hash on stderr\n\n  --int output hash as int not hash\n\n"
                    + ">> echo abc | xxh3\n079364cbfdf9f4cb\n");

    @Override
    public Usage usage() {
        return USAGE;
    }

    @Override
    public void run(Context context) throws IOException {
        Argh argh = new Argh().bool("-i", "--int").bool("-s", "--stream").parse(context.args());
        boolean stream = argh.isSet("--stream");
        InputStream in = context.in();
        OutputStream out = context.out();
        Xxh3Stream hash = new Xxh3Stream();
        byte[] block = new byte[Math.min(context.layout().bufferSize(), 1 << 20)];
        int n;
        while ((n = in.readNBytes(block, 0, block.length)) > 0) {
            hash.update(block, 0, n);
            if (stream) {
                out.write(block, 0, n);
            }
        }
        long h = hash.digest();
        String text = argh.isSet("--int") ? Long.toUnsignedString(h) : String.format("%016x", h);
        OutputStream target = stream ? context.err() : out;
        target.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
        target.flush();
    }
}
