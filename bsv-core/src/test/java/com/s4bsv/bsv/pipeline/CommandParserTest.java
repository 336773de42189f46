package com.s4bsv.bsv.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bsv",
                "bcut 1",
                "bcut 2,7 | bschema '*,a:i64' | bpartition 3",
                "xargs cat | bsort | bsumeach i64 | bschema '*,i64:a' | csv",
                "cat | bcut 1 | csv",
                "cat",
                "xargs cat",
                "xargs -d '\\n' cat | bsort",
                "xargs -d'\\n' cat",
                "  bcut 1|csv  \n",
                "bsort -r i64",
                "bdropuntil \"a b\"",
                "bdropuntil 'x''y'\"z\"",
                "bpartition 10 pre_fix",
                "btopn 3 f64",
                "bschema a:i64,b:f64,... | csv",
                "bdropuntil ''",
                "bcut 1 -h",
            })
    void acceptsPipelinesOfBsvToolsWithLiteralArguments(String command) {
        assertThat(CommandParser.parse(command)).as(command).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "bcut 1; touch x",
                "bcut 1 && touch x",
                "bcut 1 || touch x",
                "bcut 1 & touch x",
                "$(touch x)",
                "bcut $(touch x)",
                "bcut `touch x`",
                "bcut \"$x\"",
                "bcut \"`id`\"",
                "bcut \"a\\b\"",
                "bcut $x",
                "bcut ${x}",
                "bcut 1 > out",
                "bcut 1 < in",
                "bcut 1 2>&1",
                "bcut 1 |& csv",
                "bschema *,a:i64",
                "bcut ?",
                "bcut [12]",
                "bcut ~",
                "bcut {1,2}",
                "(bcut 1)",
                "{ bcut 1; }",
                "bcut 1\ncsv",
                "bcut 1 # comment",
                "x=1 bcut 1",
                "BSV_BUFFER_SIZE=8 bcut 1",
                "! bcut 1",
                "bcut \"!\"",
                "bcut 'unterminated",
                "bcut 1 |",
                "| bcut 1",
                "bcut 1 | | csv",
                "'bcut' 1",
                "sort",
                "bcut 1 | sort",
                "cat file | bcut 1",
                "bcut 1 | cat",
                "xargs -n1 cat",
                "xargs cat file",
                "xargs 'cat'",
                "xargs -d '\\n' 'cat'",
                "xargs -d '\\t' cat",
                "xargs -d \"\\n\" cat",
                "xargs -d '\\n' cat file",
                "xargs -0 cat",
                "xargs -d '\\n' -n1 cat",
                "bcut 1 | xargs -d '\\n' cat",
                "bcut 1 | xargs cat",
                "bcut é",
                "bcut 'é'",
                "bcut 'a\tb'",
                "bcut\\ 1",
                "time bcut 1",
                "exec bcut 1",
                "bcut 1\r",
            })
    void leavesEverythingElseToBash(String command) {
        assertThat(CommandParser.parse(command)).as(command).isEmpty();
    }

    @Test
    void quotedWordsJoinAndKeepTheirCharacters() {
        List<Stage> stages = CommandParser.parse("cat | bschema '*,a:i64' | bdropuntil 'a b'\"c d\"e")
                .orElseThrow();
        assertThat(stages)
                .containsExactly(
                        new Stage(Stage.Kind.CAT, "cat", List.of()),
                        Stage.tool("bschema", List.of("*,a:i64")),
                        Stage.tool("bdropuntil", List.of("a bc de")));
        assertThat(CommandParser.parse("xargs cat | bsort")
                        .orElseThrow()
                        .getFirst()
                        .kind())
                .isEqualTo(Stage.Kind.XARGS_CAT);
        Stage byLine = CommandParser.parse("xargs -d '\\n' cat").orElseThrow().getFirst();
        assertThat(byLine.kind()).isEqualTo(Stage.Kind.XARGS_CAT);
        assertThat(byLine.namesByLine()).isTrue();
        assertThat(CommandParser.parse("xargs cat").orElseThrow().getFirst().namesByLine())
                .isFalse();
    }
}
