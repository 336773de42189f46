package com.s4bsv.s4.shell.session;

import com.s4bsv.s4.shell.command.Verb;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.jline.CommandCompleter;

/**
 * Tab completion of s4 command arguments. Spring Shell 4.0.1's completer looks a command up by every word that is not
 * an option, so once a positional argument is typed ({@code cp s4://b}) it no longer finds {@code cp} and offers
 * nothing; here the s4 verbs complete their positional words themselves and everything else stays with Spring Shell.
 */
final class S4Completer extends CommandCompleter {

    private final S4PathCompletion paths;

    S4Completer(CommandRegistry registry, S4PathCompletion paths) {
        super(registry);
        this.paths = paths;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        if (line.wordIndex() > 0
                && !words.isEmpty()
                && Verb.byName(words.getFirst()).isPresent()) {
            String word = line.word()
                    .substring(0, Math.min(line.wordCursor(), line.word().length()));
            if (!word.startsWith("-")) {
                for (CompletionProposal p : paths.proposals(word)) {
                    candidates.add(new Candidate(p.value(), p.value(), null, null, null, null, p.complete()));
                }
                return;
            }
        }
        super.complete(reader, line, candidates);
    }
}
