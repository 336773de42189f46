package com.s4bsv.s4.shell.session;

import com.s4bsv.s4.key.KeyRules;
import com.s4bsv.s4.shell.client.BucketEntry;
import com.s4bsv.s4.shell.client.ObjectEntry;
import com.s4bsv.s4.shell.client.S4Client;
import com.s4bsv.s4.shell.command.SessionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;

/**
 * Completes {@code s4://} words by listing the cluster as you type (buckets first, then one folder level at a time),
 * and other words as local paths.
 */
final class S4PathCompletion implements CompletionProvider {

    static final int MAX_PROPOSALS = 500;

    private final SessionContext session;

    S4PathCompletion(SessionContext session) {
        this.session = session;
    }

    @Override
    public List<CompletionProposal> apply(CompletionContext context) {
        String word = context.currentWordUpToCursor();
        return proposals(word == null ? "" : word);
    }

    List<CompletionProposal> proposals(String word) {
        if (!word.startsWith(KeyRules.SCHEME)) {
            List<CompletionProposal> out = new ArrayList<>();
            if (KeyRules.SCHEME.startsWith(word) && !word.isEmpty() && !word.startsWith("-")) {
                out.add(new CompletionProposal(KeyRules.SCHEME).complete(false));
            }
            out.addAll(local(Path.of(""), word));
            return out;
        }
        try {
            return propose(session.client(null), word);
        } catch (RuntimeException e) {
            // an unreachable cluster must not break line editing; the command itself will report it
            return List.of();
        }
    }

    /** Local files and folders that start with {@code word}, relative to {@code cwd}; folders end with '/'. */
    static List<CompletionProposal> local(Path cwd, String word) {
        if (word.startsWith("-")) {
            return List.of();
        }
        int slash = word.lastIndexOf('/');
        String folder = slash < 0 ? "" : word.substring(0, slash + 1);
        String start = word.substring(slash + 1);
        Path dir = cwd.resolve(folder.isEmpty() ? "." : folder);
        List<CompletionProposal> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(start) && (!name.startsWith(".") || start.startsWith(".")))
                    .sorted()
                    .limit(MAX_PROPOSALS)
                    .forEach(name -> {
                        boolean isDir = Files.isDirectory(dir.resolve(name));
                        out.add(new CompletionProposal(folder + name + (isDir ? "/" : "")).complete(!isDir));
                    });
        } catch (IOException | UncheckedIOException e) {
            // no such folder, or unreadable: nothing to propose
        }
        return out;
    }

    static List<CompletionProposal> propose(S4Client client, String word) {
        String rest = word.substring(KeyRules.SCHEME.length());
        int slash = rest.indexOf('/');
        List<CompletionProposal> out = new ArrayList<>();
        if (slash < 0) {
            for (BucketEntry bucket : client.listBuckets()) {
                if (bucket.name().startsWith(rest)) {
                    out.add(new CompletionProposal(KeyRules.SCHEME + bucket.name() + "/").complete(false));
                }
            }
            return out;
        }
        String bucket = rest.substring(0, slash);
        String prefix = rest.substring(slash + 1);
        Iterator<ObjectEntry> it = client.list(bucket, prefix, true);
        while (it.hasNext() && out.size() < MAX_PROPOSALS) {
            ObjectEntry e = it.next();
            out.add(new CompletionProposal(KeyRules.SCHEME + bucket + "/" + e.path()).complete(!e.isPrefix()));
        }
        return out;
    }
}
