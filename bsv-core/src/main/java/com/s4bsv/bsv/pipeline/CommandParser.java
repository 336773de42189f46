package com.s4bsv.bsv.pipeline;

import com.s4bsv.bsv.tool.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a bash command as a pipeline only when bash could not read it any other way: words of plain characters
 * and simple quotes, separated by blanks and single {@code |}. Everything bash would expand, redirect, chain or
 * interpret ({@code $ ` \ * ? [ ~ { } ; & ( ) < > # !}, non-ASCII, control characters, assignments, a quoted tool
 * name) makes it refuse, and the caller runs the command under bash. When in doubt: bash.
 */
final class CommandParser {

    /** Characters that stand for themselves in an unquoted bash word, wherever they are. */
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,:/+=%@^";
    /** Characters that keep a special meaning inside double quotes (or may, like history expansion). */
    private static final String SPECIAL_IN_DOUBLE_QUOTES = "$`\\!";

    private CommandParser() {}

    private record Word(String text, boolean quoted) {}

    static Optional<List<Stage>> parse(String command) {
        List<List<Word>> words = split(trim(command));
        if (words == null) {
            return Optional.empty();
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Stage stage = stage(words.get(i), i == 0);
            if (stage == null) {
                return Optional.empty();
            }
            stages.add(stage);
        }
        return Optional.of(List.copyOf(stages));
    }

    private static Stage stage(List<Word> words, boolean first) {
        Word head = words.getFirst();
        if (head.quoted()) {
            return null;
        }
        List<String> args =
                words.subList(1, words.size()).stream().map(Word::text).toList();
        if (head.text().equals("cat")) {
            return first && args.isEmpty() ? new Stage(Stage.Kind.CAT, "cat", List.of()) : null;
        }
        if (head.text().equals("xargs")) {
            return first && xargsCat(words.subList(1, words.size()))
                    ? new Stage(Stage.Kind.XARGS_CAT, "xargs", args)
                    : null;
        }
        return Tools.NAMES.contains(head.text()) ? Stage.tool(head.text(), args) : null;
    }

    /**
     * {@code xargs cat}, or {@code xargs -d '\n' cat} (also {@code -d'\n'}): one name a line,
     * taken literally, for names with spaces. {@code cat} itself must be a plain word.
     */
    private static boolean xargsCat(List<Word> args) {
        if (args.isEmpty()) {
            return false;
        }
        Word cat = args.getLast();
        if (cat.quoted() || !cat.text().equals("cat")) {
            return false;
        }
        List<String> options =
                args.subList(0, args.size() - 1).stream().map(Word::text).toList();
        return options.isEmpty() || options.equals(List.of("-d", "\\n")) || options.equals(List.of("-d\\n"));
    }

    /** Leading and trailing blanks and newlines are nothing to bash here. */
    private static String trim(String command) {
        int start = 0;
        int end = command.length();
        while (start < end && isBlankOrNewline(command.charAt(start))) {
            start++;
        }
        while (end > start && isBlankOrNewline(command.charAt(end - 1))) {
            end--;
        }
        return command.substring(start, end);
    }

    private static boolean isBlankOrNewline(char c) {
        return c == ' ' || c == '\t' || c == '\n';
    }

    /** The words of each stage, or null when the text is anything but a plain pipeline. */
    private static List<List<Word>> split(String text) {
        List<List<Word>> stages = new ArrayList<>();
        List<Word> stage = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '|') {
                if (inWord) {
                    stage.add(new Word(word.toString(), quoted));
                    word.setLength(0);
                    inWord = false;
                    quoted = false;
                }
                if (c == '|') {
                    char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                    if (stage.isEmpty() || next == '|' || next == '&') {
                        return null;
                    }
                    stages.add(stage);
                    stage = new ArrayList<>();
                }
                i++;
            } else if (c == '\'' || c == '"') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    return null;
                }
                for (int j = i + 1; j < close; j++) {
                    char q = text.charAt(j);
                    if (q < 0x20 || q >= 0x7f || (c == '"' && SPECIAL_IN_DOUBLE_QUOTES.indexOf(q) >= 0)) {
                        return null;
                    }
                }
                word.append(text, i + 1, close);
                inWord = true;
                quoted = true;
                i = close + 1;
            } else if (PLAIN.indexOf(c) >= 0) {
                word.append(c);
                inWord = true;
                i++;
            } else {
                return null;
            }
        }
        if (inWord) {
            stage.add(new Word(word.toString(), quoted));
        }
        if (stage.isEmpty()) {
            return null;
        }
        stages.add(stage);
        return stages;
    }
}
