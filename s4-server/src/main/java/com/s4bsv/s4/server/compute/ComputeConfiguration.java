package com.s4bsv.s4.server.compute;

import com.s4bsv.s4.server.cluster.Cluster;
import com.s4bsv.s4.server.cluster.PeerClient;
import com.s4bsv.s4.server.storage.ObjectStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command runner with its cpu slots, the output committer, and a gauge of running commands. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ComputeProperties.class)
class ComputeConfiguration {

    @Bean
    CommandRunner commandRunner(ComputeProperties properties) {
        return new CommandRunner(
                properties.maxCpuJobs(),
                properties.commandTimeout(),
                new InProcess(
                        Boolean.TRUE.equals(properties.inProcess()),
                        properties.inProcessMemory().toBytes(),
                        System.getenv()));
    }

    @Bean
    Outputs computeOutputs(ObjectStore store, Cluster cluster, PeerClient peers) {
        return new Outputs(store, cluster, peers);
    }

    @Bean
    MeterBinder computeMetrics(CommandRunner runner) {
        return registry -> {
            Gauge.builder("s4.compute.running", runner, CommandRunner::running)
                    .description("user commands running on this node (bounded by --max-cpu-jobs)")
                    .register(registry);
            FunctionCounter.builder(
                            "s4.compute.in.process", runner, r -> r.inProcess().ran())
                    .description("commands run in-process as pipelines of bsv tools, without bash")
                    .register(registry);
            FunctionCounter.builder(
                            "s4.compute.in.process.over.budget",
                            runner,
                            r -> r.inProcess().overBudget())
                    .description("bsv pipelines run under bash because the in-process memory budget was spent")
                    .register(registry);
        };
    }
}
