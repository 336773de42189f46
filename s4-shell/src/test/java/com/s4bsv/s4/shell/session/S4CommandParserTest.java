package com.s4bsv.s4.shell.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.shell.cli.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.DefaultCommandParser;
import org.springframework.shell.core.command.ParsedInput;

class S4CommandParserTest {

    private final S4CommandParser parser = new S4CommandParser(new DefaultCommandParser(new CommandRegistry()));

    @Test
    void aBooleanFlagNeverSwallowsThePositionalAfterIt() {
        ParsedInput parsed = parser.parse("ls -r s4://bucket/");

        assertThat(parsed.commandName()).isEqualTo("ls");
        assertThat(parsed.options()).singleElement().satisfies(o -> {
            assertThat(o.longName()).isEqualTo("recursive");
            assertThat(o.value()).isEqualTo("true");
        });
        assertThat(parsed.arguments()).extracting(CommandArgument::value).containsExactly("s4://bucket/");
    }

    @Test
    void shellQuotingAndConfFlagForms() {
        ParsedInput parsed = parser.parse("map --conf=/x.conf s4://b/in/ s4://b/out/ \"tr A-Z a-z\" ");

        assertThat(parsed.arguments()).extracting(CommandArgument::value)
                .containsExactly("s4://b/in/", "s4://b/out/", "tr A-Z a-z");
        assertThat(parsed.options()).singleElement().satisfies(o -> assertThat(o.value()).isEqualTo("/x.conf"));
    }

    @Test
    void helpIsTheCommandWithItsHelpOption() {
        ParsedInput parsed = parser.parse("rm --help");

        assertThat(parsed.commandName()).isEqualTo("rm");
        assertThat(parsed.options()).singleElement().satisfies(o -> assertThat(o.longName()).isEqualTo("help"));
        assertThat(parsed.arguments()).isEmpty();
    }

    @Test
    void builtInCommandsKeepTheDefaultParser() {
        assertThat(parser.parse("help").commandName()).isEqualTo("help");
    }

    @Test
    void wordsFollowPosixQuoting() {
        assertThat(Words.split("a 'b c' \"d \\\"e\\\"\" f\\ g  ''"))
                .isEqualTo(List.of("a", "b c", "d \"e\"", "f g", ""));
        assertThatThrownBy(() -> Words.split("eval s4://b/k 'cat")).isInstanceOf(UsageException.class);
    }
}
