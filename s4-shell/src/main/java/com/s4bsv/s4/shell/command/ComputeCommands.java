package com.s4bsv.s4.shell.command;

import com.s4bsv.s4.shell.client.JobKind;
import org.jspecify.annotations.Nullable;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** eval, map, map-to-n and map-from-n in the interactive session; the behaviour lives in {@link Compute}. */
@Component
class ComputeCommands {

    private static final String CONF_HELP = TransferCommands.CONF_HELP;

    private final SessionContext session;

    ComputeCommands(SessionContext session) {
        this.session = session;
    }

    @Command(name = "eval", description = "eval a bash cmd with key data as stdin", group = "Compute",
            exitStatusExceptionMapper = "s4ExitStatus", completionProvider = "s4PathCompletion")
    void eval(@Option(shortName = 'c', longName = "conf", description = CONF_HELP) @Nullable String conf,
              @Argument(index = 0, description = "s4://bucket/key") String key,
              @Argument(index = 1, description = "bash command; quote it") String cmd,
              CommandContext context) {
        new Compute(session.client(conf), session.io(context)).eval(key, cmd);
    }

    @Command(name = "map", description = "process data", group = "Compute",
            exitStatusExceptionMapper = "s4ExitStatus", completionProvider = "s4PathCompletion")
    void map(@Option(shortName = 'c', longName = "conf", description = CONF_HELP) @Nullable String conf,
             @Argument(index = 0, description = "s4://bucket/indir/") String indir,
             @Argument(index = 1, description = "s4://bucket/outdir/") String outdir,
             @Argument(index = 2, description = "bash command; quote it") String cmd,
             CommandContext context) {
        job(JobKind.MAP, conf, indir, outdir, cmd, context);
    }

    @Command(name = "map-to-n", description = "shuffle data", group = "Compute",
            exitStatusExceptionMapper = "s4ExitStatus", completionProvider = "s4PathCompletion")
    void mapToN(@Option(shortName = 'c', longName = "conf", description = CONF_HELP) @Nullable String conf,
                @Argument(index = 0, description = "s4://bucket/indir/") String indir,
                @Argument(index = 1, description = "s4://bucket/outdir/") String outdir,
                @Argument(index = 2, description = "bash command; quote it") String cmd,
                CommandContext context) {
        job(JobKind.MAP_TO_N, conf, indir, outdir, cmd, context);
    }

    @Command(name = "map-from-n", description = "merge shuffled data", group = "Compute",
            exitStatusExceptionMapper = "s4ExitStatus", completionProvider = "s4PathCompletion")
    void mapFromN(@Option(shortName = 'c', longName = "conf", description = CONF_HELP) @Nullable String conf,
                  @Argument(index = 0, description = "s4://bucket/indir/") String indir,
                  @Argument(index = 1, description = "s4://bucket/outdir/") String outdir,
                  @Argument(index = 2, description = "bash command; quote it") String cmd,
                  CommandContext context) {
        job(JobKind.MAP_FROM_N, conf, indir, outdir, cmd, context);
    }

    private void job(JobKind kind, @Nullable String conf, String indir, String outdir, String cmd,
                     CommandContext context) {
        Io io = session.io(context);
        new Compute(session.client(conf), io).job(kind, indir, outdir, cmd);
        // the one-shot form ends "ok ok ok " without a newline; in the session the prompt needs one
        context.outputWriter().println();
        context.outputWriter().flush();
    }
}
