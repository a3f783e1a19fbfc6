package io.touchpulse.cli;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.sim.SimConfig;
import io.touchpulse.sim.SimulationRunner;
import io.touchpulse.sim.Simulator;
import io.touchpulse.topology.PipelineRuntime;
import io.touchpulse.topology.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;
import java.util.concurrent.Callable;

/** Produces realistic events with scripted incidents to an existing Kafka. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Produce simulated customer profiles, web traffic, searches and interactions (with scripted incidents) to an existing Kafka.")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    SimOptions sim;

    @Override
    public Integer call() {
        TouchpulseConfig c = config.load(Map.of());
        SimConfig simConfig = sim.simConfig(SimConfig.defaults().eventsPerSecond());
        Topics topics = Topics.withPrefix(c.topicPrefix());
        PipelineRuntime.ensureTopics(c, topics);
        try (KafkaEventSink sink = new KafkaEventSink(c.kafkaClientMap(), topics)) {
            Simulator simulator = new Simulator(simConfig);
            simulator.emitProfiles(sink);
            SimulationRunner runner = new SimulationRunner(simulator, sink, sim.speed, sim.wallDuration(), sim.liveStart());
            Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "simulate-stop"));
            System.err.printf("simulating to %s: seed %d, %d customers, speed %.0fx, incidents: %s%n", c.bootstrapServers(),
                    simConfig.seed(), simConfig.customers(), sim.speed, DemoConsole.describe(simConfig.incidents()));
            runner.run();
            sink.flush();
            System.err.printf("simulated %d events up to %s%n", runner.eventsEmitted(), simulator.now());
            if (sink.failures() > 0) {
                System.err.printf("error: %d events were not delivered: %s%n", sink.failures(), sink.lastError());
                return 1;
            }
        }
        return 0;
    }
}
