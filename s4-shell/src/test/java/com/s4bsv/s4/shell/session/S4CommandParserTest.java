package com.s4bsv.s4.shell.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.s4bsv.s4.shell.cli.UsageException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.Help;
import org.springframework.shell.core.command.ParsedInput;

class S4CommandParserTest {

    private final S4CommandParser parser =
            new S4CommandParser(new CommandRegistry(Set.of(new Help(), named("ls"), named("map-to-n"))));

    private static Command named(String name) {
        return new AbstractCommand(name, "test") {
            @Override
            public ExitStatus doExecute(CommandContext context) {
                return ExitStatus.OK;
            }
        };
    }

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

        assertThat(parsed.arguments())
                .extracting(CommandArgument::value)
                .containsExactly("s4://b/in/", "s4://b/out/", "tr A-Z a-z");
        assertThat(parsed.options())
                .singleElement()
                .satisfies(o -> assertThat(o.value()).isEqualTo("/x.conf"));
    }

    @Test
    void helpIsTheCommandWithItsHelpOption() {
        ParsedInput parsed = parser.parse("rm --help");

        assertThat(parsed.commandName()).isEqualTo("rm");
        assertThat(parsed.options())
                .singleElement()
                .satisfies(o -> assertThat(o.longName()).isEqualTo("help"));
        assertThat(parsed.arguments()).isEmpty();
    }

    @Test
    void anUnknownCommandIsOneLineNamingTheNearest() {
        assertThatThrownBy(() -> parser.parse("lss s4://b/"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown command 'lss'; did you mean 'ls'? ('help' lists them)");
        assertThatThrownBy(() -> parser.parse("map-to s4://b/")).hasMessageContaining("did you mean 'map-to-n'?");
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
