package com.s4bsv.s4.shell.command;

import org.jspecify.annotations.Nullable;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** config and health in the interactive session; the behaviour lives in {@link Cluster}. */
@Component
class ClusterCommands {

    private final SessionContext session;

    ClusterCommands(SessionContext session) {
        this.session = session;
    }

    @Command(name = "config", description = "list the server addresses", group = "Cluster",
            exitStatusExceptionMapper = "s4ExitStatus")
    void config(@Option(shortName = 'c', longName = "conf", description = TransferCommands.CONF_HELP)
                @Nullable String conf, CommandContext context) {
        new Cluster(session.client(conf), session.io(context)).config();
    }

    @Command(name = "health", description = "health check every server", group = "Cluster",
            exitStatusExceptionMapper = "s4ExitStatus")
    void health(@Option(shortName = 'c', longName = "conf", description = TransferCommands.CONF_HELP)
                @Nullable String conf, CommandContext context) {
        new Cluster(session.client(conf), session.io(context)).health();
    }
}
