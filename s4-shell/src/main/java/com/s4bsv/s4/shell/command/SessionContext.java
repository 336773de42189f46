package com.s4bsv.s4.shell.command;

import com.s4bsv.s4.config.ClusterConfig;
import com.s4bsv.s4.shell.client.S4Client;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.stereotype.Component;

/**
 * What the session's commands share: one client per cluster config (so connections are reused between commands)
 * and the terminal as their {@link Io}.
 */
@Component
public class SessionContext {

    private final @Nullable String defaultConf;
    private final Map<String, S4Client> clients = new ConcurrentHashMap<>();

    SessionContext(@Value("${s4.conf:}") String defaultConf) {
        this.defaultConf = defaultConf.isEmpty() ? null : defaultConf;
    }

    /** The client for {@code -c conf}, or for the default lookup (s4.conf property, S4_CONF_PATH, ~/.s4.conf). */
    public S4Client client(@Nullable String conf) {
        String path = conf == null || conf.isEmpty() ? defaultConf : conf;
        return clients.computeIfAbsent(
                path == null ? "" : path,
                p -> new S4Client(
                        ClusterConfig.locate(p.isEmpty() ? null : Path.of(p)),
                        S4Client.Settings.fromEnvironment(System.getenv())));
    }

    /** The terminal: output through the shell's writer; stdin is the terminal itself, so there is none to read. */
    Io io(CommandContext context) {
        PrintWriter writer = context.outputWriter();
        OutputStream out = new WriterOutputStream(writer);
        return new Io(
                InputStream.nullInputStream(),
                out,
                new PrintStream(System.err, true, StandardCharsets.UTF_8),
                Boolean.getBoolean("s4.stderr.tty"));
    }

    /** Bytes to the shell's character writer, decoded as UTF-8 (a multi-byte character may span writes). */
    static final class WriterOutputStream extends OutputStream {
        private final PrintWriter writer;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer pending = ByteBuffer.allocate(8192);
        private final CharBuffer chars = CharBuffer.allocate(8192);

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, pending.remaining());
                pending.put(b, off, n);
                off += n;
                len -= n;
                drain();
            }
        }

        private void drain() {
            pending.flip();
            while (true) {
                var result = decoder.decode(pending, chars, false);
                chars.flip();
                writer.append(chars);
                chars.clear();
                if (!result.isOverflow()) {
                    break;
                }
            }
            pending.compact();
        }

        @Override
        public synchronized void flush() {
            writer.flush();
        }
    }
}
